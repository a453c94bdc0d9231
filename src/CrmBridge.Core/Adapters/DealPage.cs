using CrmBridge.Core.Model;

namespace CrmBridge.Core.Adapters;

/// <summary>One page of deals and the opaque token for the next one (null on the last page).</summary>
public sealed record DealPage(IReadOnlyList<Deal> Deals, string? NextPageToken, IReadOnlyList<SkippedRecord> Skipped)
{
    public DealPage(IReadOnlyList<Deal> deals, string? nextPageToken)
        : this(deals, nextPageToken, [])
    {
    }
}
