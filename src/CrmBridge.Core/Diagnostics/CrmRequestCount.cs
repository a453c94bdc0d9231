namespace CrmBridge.Core.Diagnostics;

/// <summary>Requests sent to one CRM connection, and how many of them the CRM answered with "slow down".</summary>
public sealed record CrmRequestCount(long Requests, long RateLimited)
{
    public CrmRequestCount Since(CrmRequestCount earlier) => new(Requests - earlier.Requests, RateLimited - earlier.RateLimited);
}
