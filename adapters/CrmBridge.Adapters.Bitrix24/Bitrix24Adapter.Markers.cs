using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Mapping;
using CrmBridge.Adapters.Bitrix24.Models;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;

namespace CrmBridge.Adapters.Bitrix24;

/// <summary>
/// Finding a task or note CrmBridge created on a deal by the marker in its text: the deal's activities from
/// <c>crm.activity.list</c> (filter OWNER_TYPE_ID 2, OWNER_ID) by DESCRIPTION, and its timeline comments from
/// <c>crm.timeline.comment.list</c> (filter ENTITY_TYPE deal, ENTITY_ID) by COMMENT, 50 a page, following <c>next</c>.
/// </summary>
internal sealed partial class Bitrix24Adapter
{
    public async Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dealId);
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        const string Endpoint = "POST /crm.activity.list.json";
        var found = await FindByMarkerAsync(
            start => _timeline.ListActivitiesAsync(
                new JsonObject
                {
                    ["filter"] = new JsonObject { ["OWNER_TYPE_ID"] = Bitrix24Limits.DealEntityTypeId, ["OWNER_ID"] = Bitrix24Values.IdNode(dealId) },
                    ["select"] = new JsonArray("ID", "OWNER_ID", "SUBJECT", "DESCRIPTION", "RESPONSIBLE_ID", "DEADLINE", "COMPLETED"),
                    ["start"] = start,
                },
                cancellationToken),
            "DESCRIPTION",
            marker,
            Endpoint);
        if (found is not { } activity)
        {
            return null;
        }

        Bitrix24Values.TryTime(Text(activity, "DEADLINE"), out var deadline);
        return new CrmTask(
            Connection,
            Text(activity, "ID") ?? "",
            Text(activity, "OWNER_ID") ?? dealId,
            Bitrix24Values.NullIfEmpty(Text(activity, "RESPONSIBLE_ID")),
            Text(activity, "SUBJECT") ?? "",
            Text(activity, "DESCRIPTION"),
            deadline ?? DateTimeOffset.MinValue,
            string.Equals(Text(activity, "COMPLETED"), "Y", StringComparison.OrdinalIgnoreCase));
    }

    public async Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dealId);
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        const string Endpoint = "POST /crm.timeline.comment.list.json";
        var found = await FindByMarkerAsync(
            start => _timeline.ListCommentsAsync(
                new JsonObject
                {
                    ["filter"] = new JsonObject { ["ENTITY_ID"] = Bitrix24Values.IdNode(dealId), ["ENTITY_TYPE"] = "deal" },
                    ["select"] = new JsonArray("ID", "ENTITY_ID", "ENTITY_TYPE", "CREATED", "COMMENT"),
                    ["start"] = start,
                },
                cancellationToken),
            "COMMENT",
            marker,
            Endpoint);
        if (found is not { } comment)
        {
            return null;
        }

        Bitrix24Values.TryTime(Text(comment, "CREATED"), out var created);
        return new Note(Connection, Text(comment, "ID") ?? "", Text(comment, "ENTITY_ID") ?? dealId, Text(comment, "COMMENT") ?? "", created ?? DateTimeOffset.MinValue);
    }

    /// <summary>The first record of a list whose <paramref name="textField"/> carries the marker, page by page.</summary>
    private async Task<JsonElement?> FindByMarkerAsync(
        Func<int, Task<Bitrix24Response<JsonElement>>> list, string textField, string marker, string endpoint)
    {
        int? start = 0;
        while (start is { } offset)
        {
            var page = Seen(await list(offset), endpoint);
            var records = page.Result.ValueKind == JsonValueKind.Array ? page.Result.EnumerateArray().ToList() : [];
            foreach (var record in records)
            {
                if (CrmRecordMarker.IsIn(Text(record, textField), marker))
                {
                    return record.Clone();
                }
            }

            start = records.Count > 0 && page.Next is { } next && next > offset ? next : null;
        }

        return null;
    }

    private static string? Text(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) ? Bitrix24Values.String(value) : null;
}
