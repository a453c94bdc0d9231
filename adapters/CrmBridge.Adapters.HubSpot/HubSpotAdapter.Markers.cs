using CrmBridge.Adapters.HubSpot.Mapping;
using CrmBridge.Adapters.HubSpot.Models;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;

namespace CrmBridge.Adapters.HubSpot;

/// <summary>
/// Finding a task or note CrmBridge created on a deal by the marker in its body: the deal's task (note) ids from the v4
/// associations batch read, then those records in batch reads of their body, newest id first.
/// </summary>
internal sealed partial class HubSpotAdapter
{
    private const string TasksType = "tasks";
    private const string NotesType = "notes";

    private static readonly List<string> TaskReadProperties =
    [
        HubSpotProperties.Timestamp, HubSpotProperties.TaskSubject, HubSpotProperties.TaskBody, HubSpotProperties.TaskStatus, HubSpotProperties.OwnerId,
    ];

    private static readonly List<string> NoteReadProperties = [HubSpotProperties.Timestamp, HubSpotProperties.NoteBody];

    public async Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        var task = await FindOnDealByMarkerAsync(dealId, marker, TasksType, TaskReadProperties, HubSpotProperties.TaskBody, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var p = task.Properties;
        HubSpotValues.TryParseTime(p.GetValueOrDefault(HubSpotProperties.Timestamp), out var dueAt);
        return new CrmTask(
            Connection,
            task.Id,
            dealId,
            HubSpotValues.NullIfEmpty(p.GetValueOrDefault(HubSpotProperties.OwnerId)),
            p.GetValueOrDefault(HubSpotProperties.TaskSubject) ?? "",
            p.GetValueOrDefault(HubSpotProperties.TaskBody),
            dueAt ?? task.CreatedAt ?? DateTimeOffset.MinValue,
            string.Equals(p.GetValueOrDefault(HubSpotProperties.TaskStatus), "COMPLETED", StringComparison.OrdinalIgnoreCase));
    }

    public async Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        var note = await FindOnDealByMarkerAsync(dealId, marker, NotesType, NoteReadProperties, HubSpotProperties.NoteBody, cancellationToken);
        if (note is null)
        {
            return null;
        }

        HubSpotValues.TryParseTime(note.Properties.GetValueOrDefault(HubSpotProperties.Timestamp), out var at);
        return new Note(Connection, note.Id, dealId, note.Properties.GetValueOrDefault(HubSpotProperties.NoteBody) ?? "", note.CreatedAt ?? at ?? DateTimeOffset.MinValue);
    }

    private async Task<HubSpotObject?> FindOnDealByMarkerAsync(
        string dealId, string marker, string objectType, List<string> properties, string bodyProperty, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dealId);
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var linksEndpoint = $"POST /crm/v4/associations/deals/{objectType}/batch/read";
        var request = new HubSpotAssociationBatchRequest { Inputs = [new HubSpotObjectId { Id = dealId }] };
        var links = Required(await _associations.BatchReadAsync("deals", objectType, request, cancellationToken), linksEndpoint);
        var ids = (links.Results ?? [])
            .SelectMany(r => r.To)
            .Select(t => t.ToObjectId)
            .Distinct()
            .OrderDescending()
            .ToList();

        var readEndpoint = $"POST /crm/v3/objects/{objectType}/batch/read";
        foreach (var chunk in ids.Chunk(_options.BatchReadSize))
        {
            var read = new HubSpotBatchReadRequest
            {
                Inputs = [.. chunk.Select(id => new HubSpotObjectId { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
                Properties = properties,
            };
            var page = Required(await _engagements.BatchReadAsync(objectType, read, cancellationToken), readEndpoint);
            if ((page.Results ?? []).FirstOrDefault(o => CrmRecordMarker.IsIn(o.Properties.GetValueOrDefault(bodyProperty), marker)) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
