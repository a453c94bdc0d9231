using CrmBridge.Adapters.Http;
using CrmBridge.Adapters.Http.OAuth;

namespace CrmBridge.Adapters.AmoCrm;

/// <summary>Settings shared by every amoCRM (Kommo) connection, section <c>CrmBridge:AmoCrm</c>. A connection's own RateLimit wins over <see cref="RateLimitPermits"/>.</summary>
public sealed class AmoCrmOptions : IOAuthRefreshOptions
{
    public const string SectionName = "CrmBridge:AmoCrm";

    /// <summary>Requests per <see cref="RateLimitWindow"/> when a connection sets no RateLimit.</summary>
    /// <value>Defaults to 7, amoCRM's documented limit per integration; going over it repeatedly gets the account blocked.</value>
    public int RateLimitPermits { get; set; } = 7;

    /// <value>Defaults to 1 second.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Leads per page.</summary>
    /// <value>Defaults to 250, amoCRM's maximum.</value>
    public int PageSize { get; set; } = AmoCrmLimits.MaxPageSize;

    /// <summary>Ids per read of companies or contacts (<c>filter[id][]</c>).</summary>
    /// <value>Defaults to 250, amoCRM's maximum page.</value>
    public int BatchReadSize { get; set; } = AmoCrmLimits.MaxBatchReadSize;

    /// <summary>Events per page of the events API.</summary>
    /// <value>Defaults to 100, amoCRM's maximum.</value>
    public int EventPageSize { get; set; } = AmoCrmLimits.MaxEventPageSize;

    /// <summary>Event types that count as activity on a lead (its last activity time is the newest of them).</summary>
    /// <value>Defaults to calls, chat messages, SMS and notes.</value>
    public List<string> ActivityEventTypes { get; set; } =
    [
        "incoming_call", "outgoing_call", "incoming_chat_message", "outgoing_chat_message",
        "incoming_sms", "outgoing_sms", "entity_direct_message", "common_note_added",
    ];

    /// <summary>An OAuth access token is refreshed this long before it expires, so no request meets an expired one.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a worker may hold the right to refresh a connection's token before another may take it over.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan RefreshLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker waiting for another one's refresh reads the stored pair again.</summary>
    /// <value>Defaults to 250 milliseconds.</value>
    public TimeSpan RefreshPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Retries and timeouts. amoCRM rarely sends Retry-After with a 429, so <see cref="CrmResilienceOptions.RateLimitedFallbackDelay"/> is what is usually waited.</summary>
    public CrmResilienceOptions Resilience { get; set; } = new() { RateLimitedFallbackDelay = TimeSpan.FromSeconds(2) };
}
