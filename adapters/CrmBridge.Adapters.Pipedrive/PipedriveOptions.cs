using CrmBridge.Adapters.Http;

namespace CrmBridge.Adapters.Pipedrive;

/// <summary>
/// Settings shared by every Pipedrive connection, section <c>CrmBridge:Pipedrive</c>. Each connection sets its own
/// BaseUrl (<c>https://{companydomain}.pipedrive.com</c>) and Token; its own RateLimit wins over the defaults here.
/// </summary>
public sealed class PipedriveOptions
{
    public const string SectionName = "CrmBridge:Pipedrive";

    /// <value>Defaults to <see cref="PipedriveAuthMode.Auto"/>.</value>
    public PipedriveAuthMode Auth { get; set; } = PipedriveAuthMode.Auto;

    /// <summary>Requests per <see cref="RateLimitWindow"/> with an API token when a connection sets no RateLimit.</summary>
    /// <value>Defaults to 20, Pipedrive's burst limit for API tokens on the entry plan (higher plans allow up to 120).</value>
    public int ApiTokenRateLimitPermits { get; set; } = 20;

    /// <summary>Requests per <see cref="RateLimitWindow"/> with an OAuth token when a connection sets no RateLimit.</summary>
    /// <value>Defaults to 80, the entry plan's OAuth burst limit.</value>
    public int OAuthRateLimitPermits { get; set; } = 80;

    /// <summary>Pipedrive's burst window.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deal searches (used to find a deal by its marker) per <see cref="RateLimitWindow"/>; search has a limit of its own.</summary>
    /// <value>Defaults to 10.</value>
    public int SearchRateLimitPermits { get; set; } = 10;

    /// <summary>
    /// When <c>x-ratelimit-remaining</c> falls below this share of <c>x-ratelimit-limit</c>, the connection spreads its
    /// remaining requests over the time to <c>x-ratelimit-reset</c>, and waits for the reset once none remain.
    /// </summary>
    /// <value>Defaults to 0.1.</value>
    public double SlowDownBelow { get; set; } = 0.1;

    /// <summary>Deals per page.</summary>
    /// <value>Defaults to 500, Pipedrive's maximum.</value>
    public int PageSize { get; set; } = PipedriveLimits.MaxPageSize;

    /// <summary>Ids per read of organizations, persons and activities.</summary>
    /// <value>Defaults to 100, Pipedrive's maximum.</value>
    public int BatchReadSize { get; set; } = PipedriveLimits.MaxIdsPerRequest;

    /// <summary>
    /// Read every person linked to a deal, not only its primary person. Pipedrive has no batch read of participants, so
    /// this costs one request per deal with more than one person.
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool ReadParticipants { get; set; } = true;

    /// <summary>
    /// How many of one page's independent reads (activity batches, the persons of each deal) may be in flight at once, so
    /// a distant Pipedrive costs the time the rate limit sets rather than the sum of every round trip. The connection's
    /// limiter still guards the total. Above 1, a token that expires mid-sync is refused up to this many times (the reads
    /// already in flight) instead of once.
    /// </summary>
    /// <value>Defaults to 1: one read at a time, enough wherever a round trip is shorter than the rate limit's spacing (100 ms at 20 per 2 s).</value>
    public int ReadConcurrency { get; set; } = 1;

    /// <summary>Retries and timeouts. A 429 without Retry-After waits for <c>x-ratelimit-reset</c>, else <see cref="CrmResilienceOptions.RateLimitedFallbackDelay"/>.</summary>
    public CrmResilienceOptions Resilience { get; set; } = new();
}
