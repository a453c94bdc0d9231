namespace CrmBridge.Core.Cemetery;

/// <summary>When a deal of one kind of pipeline is stale.</summary>
public sealed class CemeteryRulesOptions
{
    /// <summary>Set false to leave these pipelines out of the scan.</summary>
    /// <value>Defaults to true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Days without activity and without a stage change after which a deal is stale, for stages without their own threshold.</summary>
    /// <value>Defaults to 30 for sales pipelines and 45 for the Client Success pipeline.</value>
    public int DefaultThresholdDays { get; set; } = 30;

    /// <summary>Per-stage thresholds in days, keyed by stage id or stage name (case-insensitive).</summary>
    public Dictionary<string, int> StageThresholdDays { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A deal with no next activity planned is stale at once.</summary>
    /// <value>Defaults to true. Ignored for CRMs that do not report next activities.</value>
    public bool RequireNextActivity { get; set; } = true;
}
