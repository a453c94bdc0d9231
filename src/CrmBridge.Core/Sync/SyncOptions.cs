namespace CrmBridge.Core.Sync;

/// <summary>How syncs run, section <c>CrmBridge:Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "CrmBridge:Sync";

    /// <summary>How far each incremental window reaches back before the previous one's end, so late-indexed changes are not missed.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An incremental sync turns into a full one (with reconciliation of removed deals) when the last full sync is older than this.</summary>
    /// <value>Defaults to 1 day.</value>
    public TimeSpan FullSyncEvery { get; set; } = TimeSpan.FromDays(1);
}
