using CrmBridge.Adapters.Bitrix24.Http;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Bitrix24;

/// <summary>How Bitrix24's REST API behaves, for the shared pipeline.</summary>
internal static class Bitrix24HttpProfile
{
    /// <summary>Never used: every connection gets its portal's address from its webhook or its BaseUrl.</summary>
    private static readonly Uri Placeholder = new("https://portal.bitrix24.invalid/rest/");

    /// <summary>The profile of one connection: the webhook handler puts that connection's secret into each request's path.</summary>
    public static CrmHttpProfile Create(Bitrix24Options options, Bitrix24Webhook webhook) =>
        Create(options, _ => new Bitrix24WebhookHandler(webhook));

    /// <summary>The profile of one connection whose innermost handler (webhook secret or OAuth access token) <paramref name="authentication"/> makes.</summary>
    public static CrmHttpProfile Create(Bitrix24Options options, Func<ConnectionOptions, DelegatingHandler> authentication) => new()
    {
        Crm = CrmKind.Bitrix24,
        DefaultBaseUrl = Placeholder,
        DefaultRateLimit = new CrmRateLimit(options.RequestsPerSecond, TimeSpan.FromSeconds(1)) { Burst = options.Burst },
        Resilience = options.Resilience,
        IsRateLimited = Bitrix24Errors.IsRateLimited,
        RateLimitedDelayHint = Bitrix24Errors.OperatingResetDelay,
        ReadErrorMessage = Bitrix24Errors.Message,
        IsSafeToRetry = Bitrix24Requests.IsSafeToRetry,
        CreateAuthenticationHandler = authentication,
    };
}
