namespace CrmBridge.Adapters.Http.Resilience;

/// <summary>
/// Holds a connection's next requests when the CRM's budget headers say the limit is near
/// (<see cref="CrmHttpProfile.SlowDownHint"/>), so the client slows down before a 429 rather than after it.
/// </summary>
internal sealed class CrmSlowDownGate(TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _resumeAt = DateTimeOffset.MinValue;

    /// <summary>Holds requests for <paramref name="hold"/> from now, unless an earlier hold already reaches further.</summary>
    public void HoldFor(TimeSpan hold)
    {
        if (hold <= TimeSpan.Zero)
        {
            return;
        }

        var until = time.GetUtcNow() + hold;
        lock (_gate)
        {
            if (until > _resumeAt)
            {
                _resumeAt = until;
            }
        }
    }

    /// <summary>Completes when the current hold, if any, has passed.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset resumeAt;
            lock (_gate)
            {
                resumeAt = _resumeAt;
            }

            var wait = resumeAt - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
