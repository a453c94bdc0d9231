namespace CrmBridge.Sandbox.Faults;

/// <summary>
/// A CRM's documented request budget, enforced by the sandbox with the CRM's own "slow down" answer: a rolling window of
/// <paramref name="PermitLimit"/> requests per <paramref name="Window"/> (HubSpot, Pipedrive, amoCRM), or, with
/// <see cref="Burst"/>, a leaky bucket holding that many requests and draining <paramref name="PermitLimit"/> per
/// <paramref name="Window"/> (Bitrix24: 50, draining 2 per second).
/// </summary>
public sealed record SandboxEmulatedLimit(int PermitLimit, TimeSpan Window)
{
    /// <value>Defaults to null: a rolling window.</value>
    public int? Burst { get; init; }

    /// <summary>The shortest time <paramref name="requests"/> requests can take under this budget, starting with a full allowance.</summary>
    public TimeSpan MinimumDuration(long requests)
    {
        var free = Burst ?? PermitLimit;
        var rest = Math.Max(0, requests - free);
        return rest == 0 ? TimeSpan.Zero : Window * ((double)rest / PermitLimit);
    }

    public override string ToString() =>
        Burst is { } burst ? $"{PermitLimit}/{Window.TotalSeconds:0.##}s, bucket {burst}" : $"{PermitLimit}/{Window.TotalSeconds:0.##}s";
}
