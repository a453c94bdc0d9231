using CrmBridge.Adapters.Http;

namespace CrmBridge.Adapters.HubSpot;

/// <summary>Settings shared by every HubSpot connection, section <c>CrmBridge:HubSpot</c>. A connection's own RateLimit wins over <see cref="RateLimitPermits"/>.</summary>
public sealed class HubSpotOptions
{
    public const string SectionName = "CrmBridge:HubSpot";

    /// <summary>The base address when a connection sets none.</summary>
    /// <value>Defaults to https://api.hubapi.com.</value>
    public Uri BaseUrl { get; set; } = new("https://api.hubapi.com");

    /// <summary>Requests per <see cref="RateLimitWindow"/> when a connection sets no RateLimit.</summary>
    /// <value>Defaults to 100, the Free/Starter private-app limit (higher tiers allow 190).</value>
    public int RateLimitPermits { get; set; } = 100;

    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Search requests per <see cref="SearchRateLimitWindow"/>; search has a limit of its own on top of the general one.</summary>
    /// <value>Defaults to 4.</value>
    public int SearchRateLimitPermits { get; set; } = 4;

    /// <value>Defaults to 1 second.</value>
    public TimeSpan SearchRateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deals per page of the list endpoint.</summary>
    /// <value>Defaults to 100, HubSpot's maximum.</value>
    public int PageSize { get; set; } = 100;

    /// <summary>Deals per page of the search endpoint.</summary>
    /// <value>Defaults to 200, HubSpot's maximum.</value>
    public int SearchPageSize { get; set; } = 200;

    /// <summary>Ids per batch read of companies or contacts.</summary>
    /// <value>Defaults to 100, HubSpot's maximum.</value>
    public int BatchReadSize { get; set; } = 100;

    /// <summary>Retries and timeouts. When a 429 has no Retry-After, the X-HubSpot-RateLimit-Interval-Milliseconds header is waited out, else <see cref="CrmResilienceOptions.RateLimitedFallbackDelay"/>.</summary>
    public CrmResilienceOptions Resilience { get; set; } = new();
}
