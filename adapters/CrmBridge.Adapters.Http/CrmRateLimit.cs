namespace CrmBridge.Adapters.Http;

/// <summary>A request budget: at most <see cref="PermitLimit"/> requests in any rolling <see cref="Window"/>.</summary>
public sealed record CrmRateLimit(int PermitLimit, TimeSpan Window)
{
    /// <summary>
    /// When set, the budget is a token (leaky) bucket instead of a sliding window: up to <see cref="Burst"/> requests at
    /// once, refilled at <see cref="PermitLimit"/> per <see cref="Window"/> (Bitrix24: 2 per second, burst 50).
    /// </summary>
    public int? Burst { get; init; }

    public override string ToString() =>
        Burst is { } burst ? $"{PermitLimit} per {Window.TotalSeconds:0.###} s, burst {burst}" : $"{PermitLimit} per {Window.TotalSeconds:0.###} s";
}
