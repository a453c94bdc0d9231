using CrmBridge.Core.Adapters;
using CrmBridge.Core.Storage;

namespace CrmBridge.Core.Sync;

/// <summary>The state of one sync run of one connection.</summary>
internal sealed class SyncRun(ICrmAdapter adapter, SyncCursor cursor)
{
    public ICrmAdapter Adapter { get; } = adapter;

    public SyncCursor Cursor { get; set; } = cursor;

    public RelatedRecordFetcher Related { get; } = new(adapter);

    public int DealsFetched { get; set; }

    public int Skipped { get; set; }

    public DealUpsertResult Upserts { get; set; } = DealUpsertResult.Empty;
}
