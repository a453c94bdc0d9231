namespace CrmBridge.Sandbox;

/// <summary>Sliding-log limiter over the sandbox clock; only admitted requests count.</summary>
internal sealed class SandboxRateLimiter(SandboxRateLimit limit)
{
    private readonly Queue<DateTimeOffset> admitted = new();
    private readonly Lock gate = new();

    public SandboxRateLimit Limit { get; } = limit;

    /// <summary>Admits the request, or returns false with how long until a permit frees up.</summary>
    public bool TryAcquire(DateTimeOffset now, out TimeSpan retryAfter, out int remaining)
    {
        lock (gate)
        {
            while (admitted.Count > 0 && now - admitted.Peek() >= Limit.Window)
            {
                admitted.Dequeue();
            }

            if (admitted.Count < Limit.PermitLimit)
            {
                admitted.Enqueue(now);
                retryAfter = TimeSpan.Zero;
                remaining = Limit.PermitLimit - admitted.Count;
                return true;
            }

            retryAfter = admitted.Peek() + Limit.Window - now;
            remaining = 0;
            return false;
        }
    }
}
