using CrmBridge.Adapters.Http;
using CrmBridge.Adapters.Http.OAuth;

namespace CrmBridge.Adapters.Bitrix24;

/// <summary>
/// Settings shared by every Bitrix24 connection, section <c>CrmBridge:Bitrix24</c>. A connection's own RateLimit
/// (PermitLimit per Window) wins over <see cref="RequestsPerSecond"/>; the burst stays <see cref="Burst"/>.
/// </summary>
public sealed class Bitrix24Options : IOAuthRefreshOptions
{
    public const string SectionName = "CrmBridge:Bitrix24";

    /// <summary>How fast the client-side leaky bucket drains, in requests per second.</summary>
    /// <value>Defaults to 2, the standard plans' rate (Enterprise: 5).</value>
    public int RequestsPerSecond { get; set; } = Bitrix24Limits.RequestsPerSecond;

    /// <summary>How many requests may go out at once before the bucket makes them wait.</summary>
    /// <value>Defaults to 50, the standard plans' blocking threshold (Enterprise: 250).</value>
    public int Burst { get; set; } = Bitrix24Limits.Burst;

    /// <summary>Reads each deal's next open activity (one batch request per page of 50 deals).</summary>
    /// <value>Defaults to true; false halves the requests of a sync and leaves NextActivityAt empty.</value>
    public bool ReadNextActivity { get; set; } = true;

    /// <summary>An OAuth access token is refreshed this long before it expires, so no request meets an expired one.</summary>
    /// <value>Defaults to 5 minutes (Bitrix24's access tokens live one hour).</value>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a worker may hold the right to refresh a connection's token before another may take it over.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan RefreshLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker waiting for another one's refresh reads the stored pair again.</summary>
    /// <value>Defaults to 250 milliseconds.</value>
    public TimeSpan RefreshPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Retries and timeouts. QUERY_LIMIT_EXCEEDED waits <see cref="CrmResilienceOptions.RateLimitedFallbackDelay"/>; OPERATION_TIME_LIMIT waits until the method's budget resets.</summary>
    public CrmResilienceOptions Resilience { get; set; } = new() { RateLimitedFallbackDelay = TimeSpan.FromSeconds(2) };
}
