namespace CrmBridge.Core.Hygiene;

/// <summary>Hygiene settings of one connection, under <c>CrmBridge:Hygiene:Connections:{name}</c>.</summary>
public sealed class HygieneConnectionOptions : HygieneRuleSetOptions
{
    /// <summary>Set false to leave the connection out of sweeps.</summary>
    /// <value>Defaults to true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The fix mode of this connection; null inherits <see cref="HygieneOptions.FixMode"/>.</summary>
    public HygieneFixMode? FixMode { get; set; }

    /// <summary>Rules by pipeline (id or name).</summary>
    public Dictionary<string, HygieneRuleSetOptions> Pipelines { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
