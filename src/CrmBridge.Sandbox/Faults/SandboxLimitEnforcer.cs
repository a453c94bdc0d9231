namespace CrmBridge.Sandbox.Faults;

/// <summary>Enforces a <see cref="SandboxEmulatedLimit"/> over the sandbox clock; only admitted requests count. Callers serialize.</summary>
internal sealed class SandboxLimitEnforcer(SandboxEmulatedLimit limit)
{
    private readonly Queue<DateTimeOffset> _admitted = new();
    private double _level;
    private DateTimeOffset? _drainedAt;

    /// <summary>Admits the request, or returns false with how long until one more would be admitted.</summary>
    public bool TryAcquire(DateTimeOffset now, out TimeSpan retryAfter)
    {
        if (limit.Burst is { } capacity)
        {
            var perSecond = limit.PermitLimit / limit.Window.TotalSeconds;
            if (_drainedAt is { } last)
            {
                _level = Math.Max(0, _level - ((now - last).TotalSeconds * perSecond));
            }

            _drainedAt = now;
            if (_level + 1 <= capacity)
            {
                _level += 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((_level + 1 - capacity) / perSecond);
            return false;
        }

        while (_admitted.Count > 0 && now - _admitted.Peek() >= limit.Window)
        {
            _admitted.Dequeue();
        }

        if (_admitted.Count < limit.PermitLimit)
        {
            _admitted.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = _admitted.Peek() + limit.Window - now;
        return false;
    }
}
