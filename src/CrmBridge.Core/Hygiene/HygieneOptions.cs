namespace CrmBridge.Core.Hygiene;

/// <summary>
/// Hygiene sweeps, section <c>CrmBridge:Hygiene</c>. The members of <see cref="HygieneRuleSetOptions"/> set the global
/// rules; <see cref="Connections"/> and their pipelines override them.
/// </summary>
public sealed class HygieneOptions : HygieneRuleSetOptions
{
    public const string SectionName = "CrmBridge:Hygiene";

    /// <summary>What sweeps do about fixable findings.</summary>
    /// <value>Defaults to <see cref="HygieneFixMode.Off"/>.</value>
    public HygieneFixMode FixMode { get; set; } = HygieneFixMode.Off;

    /// <summary>Values longer than this are a finding and are not checked further.</summary>
    /// <value>Defaults to 2000 characters.</value>
    public int MaxValueLength { get; set; } = 2000;

    /// <summary>Deals read and checked per chunk; companies and contacts are looked up once per chunk.</summary>
    /// <value>Defaults to 2000.</value>
    public int ChunkSize { get; set; } = 2000;

    public HygieneTaskOptions Tasks { get; set; } = new();

    public HygieneFieldHealthOptions FieldHealth { get; set; } = new();

    /// <summary>Per-connection settings by connection name.</summary>
    public Dictionary<string, HygieneConnectionOptions> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
