using CrmBridge.Adapters.Pipedrive.Mapping;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;

namespace CrmBridge.Adapters.Pipedrive;

/// <summary>
/// Finding a task or note CrmBridge created on a deal by the marker in its text: the deal's activities (API v2,
/// <c>deal_id</c> filter, cursor pages) by their <c>note</c>, and its notes (v1, <c>deal_id</c> filter, offset pages) by
/// their <c>content</c>.
/// </summary>
internal sealed partial class PipedriveAdapter
{
    public async Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        const string Endpoint = "GET /api/v2/activities";
        var id = MarkerLookupDealId(dealId, Endpoint);
        string? cursor = null;
        do
        {
            var page = await _activities.ListByDealAsync(id, PipedriveLimits.MaxPageSize, cursor, cancellationToken)
                ?? throw new CrmResponseException(Kind, Connection, Endpoint, "empty response body");
            if ((page.Data ?? []).FirstOrDefault(a => CrmRecordMarker.IsIn(a.Note, marker)) is { } found)
            {
                return new CrmTask(
                    Connection,
                    PipedriveValues.FormatId(found.Id),
                    PipedriveValues.FormatId(found.DealId ?? id),
                    PipedriveValues.FormatId(found.OwnerId),
                    found.Subject ?? "",
                    found.Note,
                    PipedriveValues.DueAt(found.DueDate, found.DueTime) ?? DateTimeOffset.MinValue,
                    found.Done);
            }

            cursor = NextCursor(page);
        }
        while (cursor is not null);
        return null;
    }

    public async Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        const string Endpoint = "GET /v1/notes";
        var id = MarkerLookupDealId(dealId, Endpoint);
        int? start = 0;
        while (start is { } offset)
        {
            var page = await _notes.ListByDealAsync(id, offset, PipedriveLimits.MaxPageSize, cancellationToken)
                ?? throw new CrmResponseException(Kind, Connection, Endpoint, "empty response body");
            if ((page.Data ?? []).FirstOrDefault(n => CrmRecordMarker.IsIn(n.Content, marker)) is { } found)
            {
                PipedriveValues.TryParseTime(found.AddTime, out var addedAt);
                return new Note(Connection, PipedriveValues.FormatId(found.Id), PipedriveValues.FormatId(found.DealId ?? id), found.Content ?? "", addedAt ?? DateTimeOffset.MinValue);
            }

            var pagination = page.AdditionalData?.Pagination;
            start = pagination is { MoreItemsInCollection: true } && page.Data is { Count: > 0 } data ? pagination.NextStart ?? offset + data.Count : null;
        }

        return null;
    }

    private long MarkerLookupDealId(string dealId, string endpoint) =>
        PipedriveValues.TryParseId(dealId, out var id)
            ? id
            : throw new CrmValidationException(Kind, Connection, endpoint, $"deal id '{dealId}' is not a Pipedrive id");
}
