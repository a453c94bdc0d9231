namespace CrmBridge.Core.Sync;

/// <summary>What one sync of one connection did.</summary>
public sealed record SyncSummary(
    string Connection,
    string Kind,
    bool Full,
    int DealsFetched,
    int New,
    int Changed,
    int Removed,
    int StageTransitions,
    int CompaniesFetched,
    int ContactsFetched,
    int Skipped,
    long Requests,
    long RateLimited,
    TimeSpan Elapsed);
