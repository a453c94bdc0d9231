namespace CrmBridge.Core.Sync;

/// <summary>Reported after every page of a sync.</summary>
public sealed record SyncProgress(string Connection, int Pages, int DealsFetched);
