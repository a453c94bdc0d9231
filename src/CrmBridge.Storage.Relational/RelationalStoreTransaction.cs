using System.Data.Common;
using System.Globalization;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;
using CrmBridge.Storage.Relational.Bulk;
using CrmBridge.Storage.Relational.Mapping;

namespace CrmBridge.Storage.Relational;

/// <summary>One connection and one database transaction; disposing it without <see cref="CommitAsync"/> rolls back.</summary>
internal sealed class RelationalStoreTransaction(DbConnection connection, DbTransaction transaction, RelationalDialect dialect) : IStoreTransaction
{
    private bool _completed;

    public async Task<DealUpsertResult> UpsertDealsAsync(IReadOnlyList<Deal> deals, DealUpsertContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(context);
        var result = DealUpsertResult.Empty;
        foreach (var batch in LastOfEachKey(deals, d => (d.Connection, d.ExternalId)).GroupBy(d => d.Connection, StringComparer.Ordinal))
        {
            result = result.Add(await UpsertConnectionDealsAsync(batch.Key, [.. batch], context, cancellationToken));
        }

        return result;
    }

    public Task UpsertCompaniesAsync(IReadOnlyList<Company> companies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(companies);
        var rows = LastOfEachKey(companies, c => (c.Connection, c.ExternalId)).Select(CompanyMapping.ToRow).ToList();
        return BulkWriteAsync(CompanyMapping.Table, rows, cancellationToken);
    }

    public Task UpsertContactsAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var rows = LastOfEachKey(contacts, c => (c.Connection, c.ExternalId)).Select(ContactMapping.ToRow).ToList();
        return BulkWriteAsync(ContactMapping.Table, rows, cancellationToken);
    }

    public async Task ReplacePipelinesAsync(string connection, IReadOnlyList<Pipeline> pipelines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        await ExecuteAsync("DELETE FROM stages WHERE connection = @connection", cancellationToken, ("connection", connection));
        await ExecuteAsync("DELETE FROM pipelines WHERE connection = @connection", cancellationToken, ("connection", connection));
        var pipelineRows = pipelines.Select(p => new object?[] { connection, p.ExternalId, p.Name, p.Order }).ToList();
        var stageRows = pipelines
            .SelectMany(p => p.Stages.Select(s => new object?[] { connection, p.ExternalId, s.ExternalId, s.Name, s.Order, s.Outcome.ToString() }))
            .ToList();
        await BulkWriteAsync(ReferenceMapping.Pipelines, pipelineRows, cancellationToken);
        await BulkWriteAsync(ReferenceMapping.Stages, stageRows, cancellationToken);
    }

    public async Task ReplaceOwnersAsync(string connection, IReadOnlyList<Owner> owners, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owners);
        await ExecuteAsync("DELETE FROM owners WHERE connection = @connection", cancellationToken, ("connection", connection));
        var rows = owners.Select(o => new object?[] { connection, o.ExternalId, o.Name, o.Email }).ToList();
        await BulkWriteAsync(ReferenceMapping.Owners, rows, cancellationToken);
    }

    public Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return BulkWriteAsync(CursorMapping.Table, [CursorMapping.ToRow(cursor)], cancellationToken);
    }

    public async Task<int> RemoveDealsAsync(string connection, IReadOnlyCollection<string> externalIds, DateTimeOffset removedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        if (externalIds.Count == 0)
        {
            return 0;
        }

        await using var command = CreateCommand(
            $"UPDATE deals SET removed_at = @removed_at WHERE connection = @connection AND removed_at IS NULL AND {dialect.InSet("external_id", "ids")}",
            ("connection", connection),
            ("removed_at", removedAt));
        dialect.AddSetParameter(command, "ids", externalIds);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<int> RemoveDealsNotSeenInRunAsync(string connection, string syncRunId, DateTimeOffset removedAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE deals SET removed_at = @removed_at WHERE connection = @connection AND removed_at IS NULL " +
            "AND (last_seen_run IS NULL OR last_seen_run <> @run)",
            cancellationToken,
            ("connection", connection),
            ("run", syncRunId),
            ("removed_at", removedAt));

    public async Task<long> AddAuditEntryAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = CreateCommand(AuditMapping.Insert);
        AuditMapping.AddInsertParameters(command, dialect, entry);
        var id = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    public async Task CompleteAuditEntryAsync(long id, AuditOutcome outcome, string? entityId, string? after, string? error, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var updated = await ExecuteAsync(
            AuditMapping.Complete,
            cancellationToken,
            ("id", id),
            ("outcome", outcome.ToString()),
            ("entity_id", entityId),
            ("after_value", after),
            ("error", error),
            ("completed_at", completedAt));
        if (updated == 0)
        {
            throw new InvalidOperationException($"Audit entry {id} does not exist.");
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        await transaction.CommitAsync(cancellationToken);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        // DbTransaction.DisposeAsync rolls back whatever was not committed.
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        _completed = true;
    }

    private async Task<DealUpsertResult> UpsertConnectionDealsAsync(string connection, IReadOnlyList<Deal> deals, DealUpsertContext context, CancellationToken cancellationToken)
    {
        var stored = await ReadStoredDealsAsync(connection, deals, cancellationToken);
        var writes = new List<object?[]>(deals.Count);
        var written = new List<Deal>(deals.Count);
        var unchanged = new List<string>();
        var transitions = new List<object?[]>();
        var inserted = 0;
        foreach (var deal in deals)
        {
            var (row, fingerprint) = DealMapping.ToRow(deal, context.ObservedAt, context.SyncRunId);
            if (!stored.TryGetValue(deal.ExternalId, out var before))
            {
                inserted++;
            }
            else if (before.Fingerprint == fingerprint && !before.Removed)
            {
                unchanged.Add(deal.ExternalId);
                continue;
            }

            writes.Add(row);
            written.Add(deal);
            if (before is null || before.StageId != deal.StageId || before.PipelineId != deal.PipelineId)
            {
                transitions.Add([connection, deal.ExternalId, deal.PipelineId, before?.StageId, deal.StageId, context.ObservedAt, deal.StageEnteredAt]);
            }
        }

        await BulkWriteAsync(DealMapping.Table, writes, cancellationToken);
        await ReplaceContactLinksAsync(connection, written, cancellationToken);
        await BulkWriteAsync(ReferenceMapping.StageTransitions, transitions, cancellationToken);
        if (context.SyncRunId is not null && unchanged.Count > 0)
        {
            await using var command = CreateCommand(
                "UPDATE deals SET last_seen_run = @run WHERE connection = @connection " +
                $"AND (last_seen_run IS NULL OR last_seen_run <> @run) AND {dialect.InSet("external_id", "ids")}",
                ("connection", connection),
                ("run", context.SyncRunId));
            dialect.AddSetParameter(command, "ids", unchanged);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new DealUpsertResult(inserted, writes.Count - inserted, unchanged.Count, transitions.Count);
    }

    private async Task<Dictionary<string, StoredDeal>> ReadStoredDealsAsync(string connection, IReadOnlyList<Deal> deals, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(
            "SELECT external_id, pipeline_id, stage_id, fingerprint, removed_at FROM deals " +
            $"WHERE connection = @connection AND {dialect.InSet("external_id", "ids")}{dialect.LockRowsClause}",
            ("connection", connection));
        dialect.AddSetParameter(command, "ids", deals.Select(d => d.ExternalId).ToList());
        var stored = new Dictionary<string, StoredDeal>(deals.Count, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[reader.GetString(0)] = new StoredDeal(reader.GetString(1), reader.GetString(2), reader.GetString(3), !reader.IsDBNull(4));
        }

        return stored;
    }

    private async Task ReplaceContactLinksAsync(string connection, IReadOnlyList<Deal> deals, CancellationToken cancellationToken)
    {
        if (deals.Count == 0)
        {
            return;
        }

        await using (var command = CreateCommand($"DELETE FROM deal_contacts WHERE connection = @connection AND {dialect.InSet("deal_id", "ids")}", ("connection", connection)))
        {
            dialect.AddSetParameter(command, "ids", deals.Select(d => d.ExternalId).ToList());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var links = deals
            .SelectMany(d => d.ContactIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Select(contactId => new object?[] { connection, d.ExternalId, contactId }))
            .ToList();
        await BulkWriteAsync(DealMapping.ContactLinkTable, links, cancellationToken);
    }

    private async Task BulkWriteAsync(BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = CreateCommand(string.Empty);
        await dialect.BulkWriteAsync(command, table, rows, cancellationToken);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = CreateCommand(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand CreateCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            dialect.AddParameter(command, name, value);
        }

        return command;
    }

    /// <summary>A batch may hold a record twice (pages overlap); the later copy is the newer one, and one statement may touch a row only once.</summary>
    private static List<T> LastOfEachKey<T>(IReadOnlyList<T> items, Func<T, (string, string)> key)
    {
        var last = new Dictionary<(string, string), int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            last[key(items[i])] = i;
        }

        return last.Count == items.Count ? [.. items] : [.. last.Values.Order().Select(i => items[i])];
    }

    private sealed record StoredDeal(string PipelineId, string StageId, string Fingerprint, bool Removed);
}
