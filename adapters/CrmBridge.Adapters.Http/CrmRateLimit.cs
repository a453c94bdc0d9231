namespace CrmBridge.Adapters.Http;

/// <summary>A request budget: at most <see cref="PermitLimit"/> requests in any rolling <see cref="Window"/>.</summary>
public sealed record CrmRateLimit(int PermitLimit, TimeSpan Window)
{
    public override string ToString() => $"{PermitLimit} per {Window.TotalSeconds:0.###} s";
}
