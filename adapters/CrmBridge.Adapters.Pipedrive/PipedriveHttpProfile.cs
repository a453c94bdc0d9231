using System.Text.Json;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Pipedrive;

/// <summary>How Pipedrive's HTTP API behaves, for the shared pipeline; one profile per way of authenticating.</summary>
internal static class PipedriveHttpProfile
{
    public static readonly Uri DefaultBaseUrl = new("https://api.pipedrive.com");

    private const int MaxDetail = 300;

    public static CrmHttpProfile Create(PipedriveOptions options, PipedriveAuthMode mode) => new()
    {
        Crm = CrmKind.Pipedrive,
        DefaultBaseUrl = DefaultBaseUrl,
        DefaultRateLimit = new CrmRateLimit(
            mode == PipedriveAuthMode.OAuth ? options.OAuthRateLimitPermits : options.ApiTokenRateLimitPermits,
            options.RateLimitWindow),
        EndpointRateLimits =
        [
            new CrmEndpointRateLimit("search", IsSearch, new CrmRateLimit(options.SearchRateLimitPermits, options.RateLimitWindow)),
        ],
        Resilience = options.Resilience,
        RateLimitedDelayHint = PipedriveRateLimitHeaders.ResetAfter,
        SlowDownHint = response => PipedriveRateLimitHeaders.SlowDown(response, options.SlowDownBelow),
        ReadErrorMessage = ReadErrorMessage,
        IsSafeToRetry = IsSafeToRetry,
        CreateAuthenticationHandler = connection =>
        {
            var token = connection.ResolveToken();
            return mode == PipedriveAuthMode.OAuth ? new BearerTokenHandler(() => token) : new PipedriveTokenHandler(() => token);
        },
    };

    /// <summary>The way a token is sent: the configured mode, or, in Auto, an API token when it is 40 hexadecimal characters.</summary>
    public static PipedriveAuthMode ModeFor(PipedriveAuthMode configured, string? token)
    {
        if (configured != PipedriveAuthMode.Auto)
        {
            return configured;
        }

        var value = token?.Trim() ?? "";
        return value.Length == 40 && value.All(char.IsAsciiHexDigit) ? PipedriveAuthMode.ApiToken : PipedriveAuthMode.OAuth;
    }

    /// <summary>Reads and PATCH (it sets the same values again) may be repeated; a POST creates, so it may not.</summary>
    private static bool IsSafeToRetry(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Patch || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete;

    private static bool IsSearch(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath.TrimEnd('/').EndsWith("/search", StringComparison.Ordinal) == true;

    /// <summary><c>{success:false, error, error_info}</c>: the error, with its detail when there is one.</summary>
    private static string? ReadErrorMessage(string body)
    {
        var message = CrmErrorBody.ReadMessage(body);
        if (message is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error_info", out var info) && info.ValueKind == JsonValueKind.String
                && info.GetString() is { Length: > 0 } detail && !string.Equals(detail, message, StringComparison.Ordinal)
                    ? $"{message} ({(detail.Length <= MaxDetail ? detail : detail[..MaxDetail] + "…")})"
                    : message;
        }
        catch (JsonException)
        {
            return message;
        }
    }
}
