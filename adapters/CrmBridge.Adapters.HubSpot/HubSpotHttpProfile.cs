using System.Globalization;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.HubSpot;

/// <summary>How HubSpot's HTTP API behaves, for the shared pipeline.</summary>
internal static class HubSpotHttpProfile
{
    private const string IntervalHeader = "X-HubSpot-RateLimit-Interval-Milliseconds";

    public static CrmHttpProfile Create(HubSpotOptions options) => new()
    {
        Crm = CrmKind.HubSpot,
        DefaultBaseUrl = options.BaseUrl,
        DefaultRateLimit = new CrmRateLimit(options.RateLimitPermits, options.RateLimitWindow),
        EndpointRateLimits =
        [
            new CrmEndpointRateLimit("search", IsSearch, new CrmRateLimit(options.SearchRateLimitPermits, options.SearchRateLimitWindow)),
        ],
        Resilience = options.Resilience,
        RateLimitedDelayHint = IntervalHint,
        IsSafeToRetry = IsSafeToRetry,
        CreateAuthenticationHandler = connection =>
        {
            var token = connection.ResolveToken();
            return new BearerTokenHandler(() => token);
        },
    };

    private static bool IsSearch(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && Path(request).EndsWith("/search", StringComparison.Ordinal);

    /// <summary>Reads (GET, search, batch reads) and PATCH, which sets the same values again, may be repeated; creating POSTs may not.</summary>
    private static bool IsSafeToRetry(HttpRequestMessage request)
    {
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Patch)
        {
            return true;
        }

        var path = Path(request);
        return request.Method == HttpMethod.Post
            && (path.EndsWith("/search", StringComparison.Ordinal) || path.EndsWith("/batch/read", StringComparison.Ordinal));
    }

    private static TimeSpan? IntervalHint(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IntervalHeader, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            ? TimeSpan.FromMilliseconds(millis)
            : null;

    private static string Path(HttpRequestMessage request) => request.RequestUri?.AbsolutePath.TrimEnd('/') ?? "";
}
