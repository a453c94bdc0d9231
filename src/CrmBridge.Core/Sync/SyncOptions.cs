namespace CrmBridge.Core.Sync;

/// <summary>How syncs run, section <c>CrmBridge:Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "CrmBridge:Sync";

    /// <summary>How late a change may become visible to the CRM's query (search index lag); each incremental window reaches this far back before the previous run's start.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An incremental sync turns into a full one (with reconciliation of removed deals) when the last full sync is older than this.</summary>
    /// <value>Defaults to 1 day.</value>
    public TimeSpan FullSyncEvery { get; set; } = TimeSpan.FromDays(1);
}
