namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>Paging of an answer: v2 lists carry <c>next_cursor</c> (null on the last page), v1 lists <c>pagination</c>.</summary>
internal sealed class PipedriveAdditionalData
{
    public string? NextCursor { get; init; }

    public PipedrivePagination? Pagination { get; init; }
}
