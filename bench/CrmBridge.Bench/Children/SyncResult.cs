namespace CrmBridge.Bench.Children;

/// <summary>One measured sync, as the sync process saw it.</summary>
internal sealed record SyncResult(
    int DealsFetched,
    int CompaniesFetched,
    int ContactsFetched,
    long Requests,
    long RateLimited,
    double Seconds,
    int PageSize,
    int BatchSize,
    long ReferenceRequests,
    bool HasRemovedDealsFeed,
    double PeakMegabytes);
