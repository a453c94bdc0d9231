using CrmBridge.Adapters.AmoCrm.Auth;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.AmoCrm;

/// <summary>How amoCRM's HTTP API behaves, for the shared pipeline.</summary>
internal static class AmoCrmHttpProfile
{
    /// <summary>Never used: every amoCRM connection must name its account's own address (the factory checks it).</summary>
    private static readonly Uri NoDefaultBaseUrl = new("https://subdomain.amocrm.ru/");

    public static CrmHttpProfile Create(AmoCrmOptions options, Func<ConnectionOptions, IAmoCrmTokenProvider> tokens) => new()
    {
        Crm = CrmKind.AmoCrm,
        DefaultBaseUrl = NoDefaultBaseUrl,
        DefaultRateLimit = new CrmRateLimit(options.RateLimitPermits, options.RateLimitWindow),
        Resilience = options.Resilience,
        ReadErrorMessage = AmoCrmErrorBody.ReadMessage,
        IsSafeToRetry = IsSafeToRetry,
        CreateAuthenticationHandler = connection => new AmoCrmAuthHandler(tokens(connection)),
    };

    /// <summary>Reads, and PATCH (it sets the same values again), may be repeated after a 5xx; creating POSTs may not.</summary>
    private static bool IsSafeToRetry(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Patch;
}
