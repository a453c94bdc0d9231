namespace CrmBridge.Core.Connections;

/// <summary>A client-side request budget: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Set false to lift the limiter (benchmarks only).</summary>
    /// <value>Defaults to true.</value>
    public bool Enabled { get; set; } = true;

    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
