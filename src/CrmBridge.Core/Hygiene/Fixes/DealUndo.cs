using System.Globalization;
using System.Text.Json;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Writes;

namespace CrmBridge.Core.Hygiene.Fixes;

/// <summary>
/// Puts back the values an audited deal update changed (name, stage, custom fields), from the before and after the
/// audit log holds, through <see cref="CrmWriter"/> again. The undo is audited with actor <c>undo:{id}</c>, which is
/// how a second undo of the same entry is recognised and skipped.
/// </summary>
public sealed class DealUndo(ICrmStore store, CrmWriter writer)
{
    public const string ActorPrefix = "undo:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DealUndoResult> UndoAsync(long auditId, bool dryRun, CancellationToken cancellationToken)
    {
        var entry = await store.GetAuditEntryAsync(auditId, cancellationToken);
        if (entry is null)
        {
            return new DealUndoResult(auditId, "", null, [], null, null, $"audit entry {auditId} does not exist");
        }

        var undone = await UndoneIdsAsync(entry.Connection, entry.RequestedAt, cancellationToken);
        return await UndoAsync(entry, undone, dryRun, cancellationToken);
    }

    /// <summary>Undoes every succeeded deal update since <paramref name="since"/>, newest first (undos themselves excluded).</summary>
    public async Task<IReadOnlyList<DealUndoResult>> UndoSinceAsync(DateTimeOffset since, string? connection, bool dryRun, CancellationToken cancellationToken)
    {
        var entries = await store.GetAuditEntriesAsync(new AuditQuery(connection, Since: since, Outcome: AuditOutcome.Succeeded, Limit: int.MaxValue), cancellationToken);
        var undone = entries.Select(e => UndoneId(e.Actor)).OfType<long>().ToHashSet();
        var results = new List<DealUndoResult>();
        foreach (var entry in entries.Where(e => e.Operation == AuditOperation.UpdateDeal && !e.Actor.StartsWith(ActorPrefix, StringComparison.Ordinal)))
        {
            results.Add(await UndoAsync(entry, undone, dryRun, cancellationToken));
        }

        return results;
    }

    private async Task<DealUndoResult> UndoAsync(AuditEntry entry, HashSet<long> undone, bool dryRun, CancellationToken cancellationToken)
    {
        DealUndoResult Skip(string reason) => new(entry.Id, entry.Connection, entry.EntityId, [], null, null, reason);

        if (entry.Operation != AuditOperation.UpdateDeal)
        {
            return Skip($"entry {entry.Id} is a {entry.Operation}; only deal updates can be undone");
        }

        if (entry.Outcome != AuditOutcome.Succeeded)
        {
            return Skip($"entry {entry.Id} did not change the CRM ({entry.Outcome})");
        }

        if (entry.Actor.StartsWith(ActorPrefix, StringComparison.Ordinal))
        {
            return Skip($"entry {entry.Id} is itself an undo");
        }

        if (undone.Contains(entry.Id))
        {
            return Skip($"entry {entry.Id} was already undone");
        }

        if (Read(entry.Before) is not { } before || Read(entry.After) is not { } after)
        {
            return Skip($"entry {entry.Id} lacks the deal's values before or after the write");
        }

        var changes = new List<HygieneFieldChange>();
        if (!string.Equals(before.Name, after.Name, StringComparison.Ordinal))
        {
            changes.Add(new HygieneFieldChange(HygieneFields.DealName, after.Name, before.Name));
        }

        var stageChanged = !string.Equals(before.StageId, after.StageId, StringComparison.Ordinal) || !string.Equals(before.PipelineId, after.PipelineId, StringComparison.Ordinal);
        if (stageChanged)
        {
            changes.Add(new HygieneFieldChange("deal.stage", $"{after.PipelineId}/{after.StageId}", $"{before.PipelineId}/{before.StageId}"));
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in before.Fields.Keys.Union(after.Fields.Keys, StringComparer.Ordinal).Where(k => !string.Equals(k, CanonicalFields.DealMarker, StringComparison.OrdinalIgnoreCase)))
        {
            var was = before.Fields.GetValueOrDefault(key);
            var now = after.Fields.GetValueOrDefault(key);
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                fields[key] = was;
                changes.Add(new HygieneFieldChange(key, now, was));
            }
        }

        if (changes.Count == 0)
        {
            return Skip($"entry {entry.Id} changed nothing that can be put back");
        }

        var update = new DealUpdate
        {
            DealId = after.ExternalId,
            Name = changes.Any(c => c.Field == HygieneFields.DealName) ? before.Name : null,
            StageId = stageChanged ? before.StageId : null,
            PipelineId = stageChanged ? before.PipelineId : null,
            Fields = fields,
        };
        try
        {
            var result = await writer.UpdateDealAsync(entry.Connection, update, ActorPrefix + entry.Id.ToString(CultureInfo.InvariantCulture), dryRun, cancellationToken);
            return new DealUndoResult(entry.Id, entry.Connection, update.DealId, changes, result.AuditId, result.Outcome, null);
        }
        catch (CrmException ex)
        {
            return new DealUndoResult(entry.Id, entry.Connection, update.DealId, changes, null, AuditOutcome.Failed, ex.Message);
        }
    }

    private async Task<HashSet<long>> UndoneIdsAsync(string connection, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var entries = await store.GetAuditEntriesAsync(new AuditQuery(connection, Since: since, Outcome: AuditOutcome.Succeeded, Limit: int.MaxValue), cancellationToken);
        return entries.Select(e => UndoneId(e.Actor)).OfType<long>().ToHashSet();
    }

    private static long? UndoneId(string actor) =>
        actor.StartsWith(ActorPrefix, StringComparison.Ordinal) && long.TryParse(actor.AsSpan(ActorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static Deal? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Deal>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
