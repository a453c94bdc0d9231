using System.Data.Common;
using System.Globalization;
using CrmBridge.Core.Hygiene;
using CrmBridge.Storage.Relational.Mapping;

namespace CrmBridge.Storage.Relational;

/// <summary>One sweep's findings inside one database transaction; disposing it without completing rolls back.</summary>
internal sealed class RelationalHygieneSweepWriter(DbConnection connection, DbTransaction transaction, RelationalDialect dialect, HygieneSweepStart start) : IHygieneSweepWriter
{
    private bool _completed;

    public async Task AddFindingsAsync(IReadOnlyList<HygieneFinding> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ObjectDisposedException.ThrowIf(_completed, this);
        var rows = new List<object?[]>(findings.Count);

        // PostgreSQL refuses one statement that upserts the same row twice; across batches the upsert itself merges.
        var batch = new HashSet<(string DealId, string Key)>();
        foreach (var finding in findings)
        {
            if (finding.Connection != start.Connection)
            {
                throw new ArgumentException($"Finding of connection {finding.Connection} in a sweep of {start.Connection}.", nameof(findings));
            }

            if (batch.Add((finding.DealId, finding.Key)))
            {
                rows.Add(HygieneMapping.ToRow(finding, start));
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        await using var command = Command();
        await dialect.BulkWriteAsync(command, HygieneMapping.Findings, rows, cancellationToken);
    }

    public async Task<HygieneSweepRecord> CompleteAsync(HygieneSweepTotals totals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ObjectDisposedException.ThrowIf(_completed, this);
        long resolved;
        await using (var command = Command())
        {
            command.CommandText = "UPDATE hygiene_findings SET resolved_at = @now WHERE connection = @connection AND resolved_at IS NULL AND last_sweep_id <> @sweep";
            dialect.AddParameter(command, "now", totals.CompletedAt);
            dialect.AddParameter(command, "connection", start.Connection);
            dialect.AddParameter(command, "sweep", start.SweepId);
            resolved = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        long opened;
        await using (var command = Command())
        {
            command.CommandText = "SELECT COUNT(*) FROM hygiene_findings WHERE connection = @connection AND first_sweep_id = @sweep";
            dialect.AddParameter(command, "connection", start.Connection);
            dialect.AddParameter(command, "sweep", start.SweepId);
            opened = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var record = new HygieneSweepRecord(
            start.SweepId, start.Connection, start.StartedAt, totals.CompletedAt, totals.DealsSwept, totals.DealsSkipped,
            totals.Findings, opened, resolved, totals.FieldHealth);
        await using (var command = Command())
        {
            command.CommandText = $"INSERT INTO hygiene_sweeps ({HygieneMapping.SweepColumns}) VALUES " +
                "(@sweep_id, @connection, @started_at, @completed_at, @deals_swept, @deals_skipped, @findings, @opened, @resolved, @field_health)";
            dialect.AddParameter(command, "sweep_id", record.SweepId);
            dialect.AddParameter(command, "connection", record.Connection);
            dialect.AddParameter(command, "started_at", record.StartedAt);
            dialect.AddParameter(command, "completed_at", record.CompletedAt);
            dialect.AddParameter(command, "deals_swept", record.DealsSwept);
            dialect.AddParameter(command, "deals_skipped", record.DealsSkipped);
            dialect.AddParameter(command, "findings", record.Findings);
            dialect.AddParameter(command, "opened", record.Opened);
            dialect.AddParameter(command, "resolved", record.Resolved);
            dialect.AddParameter(command, "field_health", HygieneMapping.WriteFieldHealth(record.FieldHealth));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _completed = true;
        return record;
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        _completed = true;
    }

    private DbCommand Command()
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }
}
