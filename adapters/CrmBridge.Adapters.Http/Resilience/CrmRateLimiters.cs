using System.Threading.RateLimiting;

namespace CrmBridge.Adapters.Http.Resilience;

/// <summary>
/// The client-side budgets of one connection: an optional per-endpoint-group limiter chained before the connection's
/// own. Limiters queue, never reject, so a normal sync waits its turn instead of seeing a 429.
/// </summary>
internal static class CrmRateLimiters
{
    /// <summary>The least safety margin added to a rolling window, against timer and clock granularity.</summary>
    private static readonly TimeSpan LeastMargin = TimeSpan.FromMilliseconds(10);

    public static PartitionedRateLimiter<HttpRequestMessage> Create(
        CrmRateLimit? connectionLimit, IReadOnlyList<CrmEndpointRateLimit> endpointLimits, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var groups = endpointLimits.ToArray();
        var groupLimiter = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
        {
            foreach (var group in groups)
            {
                if (group.Matches(request))
                {
                    return RateLimitPartition.Get(group.Name, _ => RollingWindow(group.Limit, clock));
                }
            }

            return RateLimitPartition.GetNoLimiter(string.Empty);
        });

        var connectionLimiter = PartitionedRateLimiter.Create<HttpRequestMessage, string>(_ => connectionLimit switch
        {
            null => RateLimitPartition.GetNoLimiter(string.Empty),
            { Burst: { } burst } => RateLimitPartition.GetTokenBucketLimiter(string.Empty, _ => BucketOptions(connectionLimit, burst)),
            _ => RateLimitPartition.Get(string.Empty, _ => RollingWindow(connectionLimit, clock)),
        });

        return PartitionedRateLimiter.CreateChained(groupLimiter, connectionLimiter);
    }

    // One token per 1/rate, so the bucket drains evenly as the CRM's own leaky bucket does, never in lumps. The bucket
    // holds one request less than the CRM's: requests reach the CRM a little earlier or later than they left, and that
    // one request of headroom absorbs the jitter that would otherwise overflow the CRM's bucket now and then.
    private static TokenBucketRateLimiterOptions BucketOptions(CrmRateLimit limit, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst - 1),
        TokensPerPeriod = 1,
        ReplenishmentPeriod = limit.Window / limit.PermitLimit,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    /// <summary>
    /// The CRM's own window, exactly, counted from when each answer arrived (<see cref="CrmRollingWindowLimiter"/>), plus a
    /// margin of 1% of the window (at least 10 ms): the client uses the whole budget and never exceeds it.
    /// </summary>
    internal static CrmRollingWindowLimiter RollingWindow(CrmRateLimit limit, TimeProvider time) =>
        new(limit.PermitLimit, limit.Window + Margin(limit.Window), time);

    internal static TimeSpan Margin(TimeSpan window) => window / 100 > LeastMargin ? window / 100 : LeastMargin;
}
