namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>v1 offset paging.</summary>
internal sealed class PipedrivePagination
{
    public int Start { get; init; }

    public int Limit { get; init; }

    public bool MoreItemsInCollection { get; init; }

    public int? NextStart { get; init; }
}
