using System.Data.Common;
using CrmBridge.Core.Hygiene;
using CrmBridge.Storage.Relational.Mapping;

namespace CrmBridge.Storage.Relational;

/// <summary>
/// One sweep's findings inside one database transaction; disposing it without completing rolls back. The open
/// findings of the connection are read once at the start (as 64-bit hashes of their identity and content), so a
/// finding that is still there and unchanged costs no write: only new findings are inserted, changed ones updated,
/// and the ones not seen again resolved.
/// </summary>
internal sealed class RelationalHygieneSweepWriter : IHygieneSweepWriter
{
    private const int IdsPerStatement = 500;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly RelationalDialect _dialect;
    private readonly HygieneSweepStart _start;
    private Dictionary<ulong, int> _openByIdentity = [];
    private List<OpenFinding> _open = [];
    private readonly HashSet<ulong> _added = [];
    private long _inserted;
    private bool _completed;

    private RelationalHygieneSweepWriter(DbConnection connection, DbTransaction transaction, RelationalDialect dialect, HygieneSweepStart start)
    {
        _connection = connection;
        _transaction = transaction;
        _dialect = dialect;
        _start = start;
    }

    public static async Task<RelationalHygieneSweepWriter> StartAsync(DbConnection connection, DbTransaction transaction, RelationalDialect dialect, HygieneSweepStart start, CancellationToken cancellationToken)
    {
        var writer = new RelationalHygieneSweepWriter(connection, transaction, dialect, start);
        await writer.LoadOpenAsync(cancellationToken);
        return writer;
    }

    public async Task AddFindingsAsync(IReadOnlyList<HygieneFinding> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ObjectDisposedException.ThrowIf(_completed, this);
        var inserts = new List<object?[]>();
        var updates = new List<(long Id, HygieneFinding Finding)>();
        foreach (var finding in findings)
        {
            if (finding.Connection != _start.Connection)
            {
                throw new ArgumentException($"Finding of connection {finding.Connection} in a sweep of {_start.Connection}.", nameof(findings));
            }

            var identity = HygieneFindingHash.Identity(finding.DealId, finding.Rule, finding.Check, finding.Subject, finding.SubjectId, finding.Field);
            if (_openByIdentity.TryGetValue(identity, out var index))
            {
                var open = _open[index];
                if (open.Seen)
                {
                    continue;
                }

                _open[index] = open with { Seen = true };
                if (open.Content != HygieneFindingHash.Content(finding.Severity.ToString(), finding.OwnerId, finding.PipelineId, finding.Detail, finding.FixValue))
                {
                    updates.Add((open.Id, finding));
                }
            }
            else if (_added.Add(identity))
            {
                inserts.Add(HygieneMapping.ToRow(finding, _start));
            }
        }

        if (inserts.Count > 0)
        {
            await using var command = Command();
            await _dialect.BulkWriteAsync(command, HygieneMapping.Findings, inserts, cancellationToken);
            _inserted += inserts.Count;
        }

        if (updates.Count > 0)
        {
            await UpdateAsync(updates, cancellationToken);
        }
    }

    public async Task<HygieneSweepRecord> CompleteAsync(HygieneSweepTotals totals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ObjectDisposedException.ThrowIf(_completed, this);
        var unseen = _open.Where(o => !o.Seen).Select(o => o.Id).ToList();
        for (var offset = 0; offset < unseen.Count; offset += IdsPerStatement)
        {
            var ids = unseen.GetRange(offset, Math.Min(IdsPerStatement, unseen.Count - offset));
            await using var command = Command();
            command.CommandText = $"UPDATE hygiene_findings SET resolved_at = @now WHERE id IN ({string.Join(", ", ids.Select((_, i) => "@id" + i))})";
            _dialect.AddParameter(command, "now", totals.CompletedAt);
            for (var i = 0; i < ids.Count; i++)
            {
                _dialect.AddParameter(command, "id" + i, ids[i]);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var record = new HygieneSweepRecord(
            _start.SweepId, _start.Connection, _start.StartedAt, totals.CompletedAt, totals.DealsSwept, totals.DealsSkipped,
            totals.Findings, _inserted, unseen.Count, totals.FieldHealth);
        await using (var command = Command())
        {
            command.CommandText = $"INSERT INTO hygiene_sweeps ({HygieneMapping.SweepColumns}) VALUES " +
                "(@sweep_id, @connection, @started_at, @completed_at, @deals_swept, @deals_skipped, @findings, @opened, @resolved, @field_health)";
            _dialect.AddParameter(command, "sweep_id", record.SweepId);
            _dialect.AddParameter(command, "connection", record.Connection);
            _dialect.AddParameter(command, "started_at", record.StartedAt);
            _dialect.AddParameter(command, "completed_at", record.CompletedAt);
            _dialect.AddParameter(command, "deals_swept", record.DealsSwept);
            _dialect.AddParameter(command, "deals_skipped", record.DealsSkipped);
            _dialect.AddParameter(command, "findings", record.Findings);
            _dialect.AddParameter(command, "opened", record.Opened);
            _dialect.AddParameter(command, "resolved", record.Resolved);
            _dialect.AddParameter(command, "field_health", HygieneMapping.WriteFieldHealth(record.FieldHealth));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await _transaction.CommitAsync(cancellationToken);
        _completed = true;
        return record;
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
        _completed = true;
    }

    private async Task LoadOpenAsync(CancellationToken cancellationToken)
    {
        // Sized from a count first: growing a table of half a million findings doubles it for a moment.
        await using (var count = Command())
        {
            count.CommandText = "SELECT COUNT(*) FROM hygiene_findings WHERE connection = @connection AND resolved_at IS NULL";
            _dialect.AddParameter(count, "connection", _start.Connection);
            var open = (int)Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            _openByIdentity = new Dictionary<ulong, int>(open);
            _open = new List<OpenFinding>(open);
        }

        await using var command = Command();
        command.CommandText =
            "SELECT id, deal_id, rule, check_code, subject, subject_id, field, severity, owner_id, pipeline_id, detail, fix_value " +
            "FROM hygiene_findings WHERE connection = @connection AND resolved_at IS NULL";
        _dialect.AddParameter(command, "connection", _start.Connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var identity = HygieneFindingHash.Identity(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetNullableString(6));
            var content = HygieneFindingHash.Content(reader.GetString(7), reader.GetNullableString(8), reader.GetNullableString(9), reader.GetString(10), reader.GetNullableString(11));
            _openByIdentity[identity] = _open.Count;
            _open.Add(new OpenFinding(reader.GetInt64(0), content, Seen: false));
        }
    }

    private async Task UpdateAsync(List<(long Id, HygieneFinding Finding)> updates, CancellationToken cancellationToken)
    {
        await using var command = Command();
        command.CommandText =
            "UPDATE hygiene_findings SET severity = @severity, owner_id = @owner_id, pipeline_id = @pipeline_id, detail = @detail, " +
            "fix_value = @fix_value, last_seen_at = @last_seen_at, last_sweep_id = @last_sweep_id WHERE id = @id";
        var parameters = new[] { "severity", "owner_id", "pipeline_id", "detail", "fix_value", "last_seen_at", "last_sweep_id", "id" }
            .Select(name => _dialect.AddParameter(command, name, null))
            .ToArray();
        foreach (var (id, finding) in updates)
        {
            object?[] values = [finding.Severity.ToString(), finding.OwnerId, finding.PipelineId, finding.Detail, finding.FixValue, _start.StartedAt, _start.SweepId, id];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = _dialect.ToDbValue(values[i]);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private DbCommand Command()
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        return command;
    }

    private readonly record struct OpenFinding(long Id, ulong Content, bool Seen);
}
