using System.Threading.RateLimiting;

namespace CrmBridge.Adapters.Http.Resilience;

/// <summary>
/// The client-side budgets of one connection: an optional per-endpoint-group limiter chained before the connection's
/// own. Limiters queue, never reject, so a normal sync waits its turn instead of seeing a 429.
/// </summary>
internal static class CrmRateLimiters
{
    private const int SegmentsPerWindow = 10;

    public static PartitionedRateLimiter<HttpRequestMessage> Create(CrmRateLimit? connectionLimit, IReadOnlyList<CrmEndpointRateLimit> endpointLimits)
    {
        var groups = endpointLimits.ToArray();
        var groupLimiter = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
        {
            foreach (var group in groups)
            {
                if (group.Matches(request))
                {
                    return RateLimitPartition.GetSlidingWindowLimiter(group.Name, _ => Options(group.Limit));
                }
            }

            return RateLimitPartition.GetNoLimiter(string.Empty);
        });

        var connectionLimiter = PartitionedRateLimiter.Create<HttpRequestMessage, string>(_ => connectionLimit switch
        {
            null => RateLimitPartition.GetNoLimiter(string.Empty),
            { Burst: { } burst } => RateLimitPartition.GetTokenBucketLimiter(string.Empty, _ => BucketOptions(connectionLimit, burst)),
            _ => RateLimitPartition.GetSlidingWindowLimiter(string.Empty, _ => Options(connectionLimit)),
        });

        return PartitionedRateLimiter.CreateChained(groupLimiter, connectionLimiter);
    }

    // One token per 1/rate, so the bucket drains evenly as the CRM's own leaky bucket does, never in lumps.
    private static TokenBucketRateLimiterOptions BucketOptions(CrmRateLimit limit, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = limit.Window / limit.PermitLimit,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    // A sliding window frees a segment's permits only when the whole segment has left the window, so a request made late
    // in a segment could be followed by a new one slightly less than one window later. Stretching the window by one
    // segment keeps every rolling window of the CRM's length within the limit, whatever the phase.
    private static SlidingWindowRateLimiterOptions Options(CrmRateLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window + (limit.Window / SegmentsPerWindow),
        SegmentsPerWindow = SegmentsPerWindow + 1,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };
}
