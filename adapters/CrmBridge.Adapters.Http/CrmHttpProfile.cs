using System.Net;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Http;

/// <summary>
/// What one CRM needs from the shared HTTP pipeline: its limits, how it says "slow down", how it reports errors,
/// which requests are safe to send twice and how requests are authenticated. One instance per adapter kind.
/// </summary>
public sealed record CrmHttpProfile
{
    public required CrmKind Crm { get; init; }

    /// <summary>The base address used when the connection sets none.</summary>
    public required Uri DefaultBaseUrl { get; init; }

    /// <summary>The connection's budget when <see cref="ConnectionOptions.RateLimit"/> is not set.</summary>
    public required CrmRateLimit DefaultRateLimit { get; init; }

    /// <summary>Extra budgets for endpoint groups with limits of their own.</summary>
    public IReadOnlyList<CrmEndpointRateLimit> EndpointRateLimits { get; init; } = [];

    public CrmResilienceOptions Resilience { get; init; } = new();

    /// <summary>
    /// Whether a response means "slow down"; gets the status and the body of a failed response.
    /// Defaults to HTTP 429 (Bitrix24, for one, also answers 503 QUERY_LIMIT_EXCEEDED).
    /// </summary>
    public Func<HttpStatusCode, string?, bool> IsRateLimited { get; init; } = static (status, _) => status == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// The wait a "slow down" response asks for when it has no Retry-After header, from CRM-specific headers;
    /// null falls back to <see cref="CrmResilienceOptions.RateLimitedFallbackDelay"/>.
    /// </summary>
    public Func<HttpResponseMessage, TimeSpan?>? RateLimitedDelayHint { get; init; }

    /// <summary>
    /// How long to hold the connection's next requests after an answer, read from the CRM's budget headers (for example
    /// a low <c>x-ratelimit-remaining</c>), so the client slows down before the CRM's limit instead of bouncing off it;
    /// null or zero sends on at once. Applies even when the client-side limiter is switched off. Defaults to none.
    /// </summary>
    public Func<HttpResponseMessage, TimeSpan?>? SlowDownHint { get; init; }

    /// <summary>Extracts the CRM's own message from an error body; null when there is none. Defaults to <see cref="CrmErrorBody.ReadMessage"/>.</summary>
    public Func<string, string?> ReadErrorMessage { get; init; } = CrmErrorBody.ReadMessage;

    /// <summary>
    /// Whether a request may be sent again after a failure that leaves unknown whether the CRM acted on it
    /// (5xx, timeout, dropped connection). A "slow down" answer is always retried: the CRM did not act.
    /// Defaults to GET, HEAD, OPTIONS, PUT and DELETE.
    /// </summary>
    public Func<HttpRequestMessage, bool> IsSafeToRetry { get; init; } = static request =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
        || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete;

    /// <summary>Creates the handler that authenticates each attempt (e.g. <see cref="BearerTokenHandler"/>); null when the base URL carries the credentials.</summary>
    public Func<ConnectionOptions, DelegatingHandler>? CreateAuthenticationHandler { get; init; }
}
