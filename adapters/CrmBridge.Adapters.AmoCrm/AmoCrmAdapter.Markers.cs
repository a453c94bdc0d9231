using CrmBridge.Adapters.AmoCrm.Mapping;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;

namespace CrmBridge.Adapters.AmoCrm;

/// <summary>
/// Finding a task or note CrmBridge created on a lead by the marker in its text: <c>GET /api/v4/tasks</c> filtered by the
/// lead, and the lead's common notes from <c>GET /api/v4/leads/{id}/notes</c>, page by page until an empty (204) or short page.
/// </summary>
internal sealed partial class AmoCrmAdapter
{
    private const string TasksListEndpoint = "GET /api/v4/tasks";
    private const string NotesListEndpoint = "GET /api/v4/leads/{id}/notes";

    public async Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var leadId = Translate(() => AmoCrmMapper.ParseId(dealId, "deal"), TasksListEndpoint);
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await _tasks.ListByLeadAsync(pageNumber, AmoCrmLimits.MaxPageSize, "leads", leadId, cancellationToken);
            var tasks = page?.Embedded?.Tasks ?? [];
            if (tasks.FirstOrDefault(t => CrmRecordMarker.IsIn(t.Text, marker)) is { } found)
            {
                var text = found.Text ?? "";
                var lineBreak = text.IndexOf('\n', StringComparison.Ordinal);
                return new CrmTask(
                    Connection,
                    AmoCrmMapper.Id(found.Id),
                    AmoCrmMapper.Id(found.EntityId ?? leadId),
                    found.ResponsibleUserId is { } owner ? AmoCrmMapper.Id(owner) : null,
                    lineBreak < 0 ? text : text[..lineBreak],
                    lineBreak < 0 ? null : text[(lineBreak + 1)..],
                    AmoCrmTime.FromUnix(found.CompleteTill) ?? DateTimeOffset.MinValue,
                    found.IsCompleted);
            }

            if (!HasMore(page, tasks.Count, AmoCrmLimits.MaxPageSize))
            {
                return null;
            }
        }
    }

    public async Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var leadId = Translate(() => AmoCrmMapper.ParseId(dealId, "deal"), NotesListEndpoint);
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await _notes.ListOfLeadAsync(leadId, pageNumber, AmoCrmLimits.MaxPageSize, "common", cancellationToken);
            var notes = page?.Embedded?.Notes ?? [];
            if (notes.FirstOrDefault(n => CrmRecordMarker.IsIn(n.Params?.Text, marker)) is { } found)
            {
                return new Note(Connection, AmoCrmMapper.Id(found.Id), AmoCrmMapper.Id(found.EntityId ?? leadId), found.Params?.Text ?? "", AmoCrmTime.FromUnix(found.CreatedAt) ?? DateTimeOffset.MinValue);
            }

            if (!HasMore(page, notes.Count, AmoCrmLimits.MaxPageSize))
            {
                return null;
            }
        }
    }
}
