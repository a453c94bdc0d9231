using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;
using CrmBridge.Storage.Relational.Mapping;
using CrmBridge.Storage.Relational.Schema;

namespace CrmBridge.Storage.Relational;

/// <summary>
/// The mirror over ADO.NET: every query and statement both backends share. A backend supplies its
/// <see cref="RelationalDialect"/>, how to open a connection, and how to take the migration lock.
/// Each read and each transaction uses its own pooled connection.
/// </summary>
public abstract partial class RelationalCrmStore : ICrmStore, IAsyncDisposable, IDisposable
{
    private readonly TimeProvider _time;

    protected RelationalCrmStore(RelationalDialect dialect, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialect = dialect;
        _time = time ?? TimeProvider.System;
    }

    protected RelationalDialect Dialect { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginMigrationTransactionAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Migrations.Render(Migrations.CreateHistoryTable, Dialect);
        await command.ExecuteNonQueryAsync(cancellationToken);

        command.CommandText = "SELECT version FROM schema_migrations";
        var applied = new HashSet<int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        foreach (var migration in Migrations.All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            command.CommandText = Migrations.Render(migration.Sql, Dialect);
            await command.ExecuteNonQueryAsync(cancellationToken);

            command.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @applied_at)";
            Dialect.AddParameter(command, "version", migration.Version);
            Dialect.AddParameter(command, "applied_at", _time.GetUtcNow());
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.Parameters.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
            return new RelationalStoreTransaction(connection, transaction, Dialect);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<SyncCursor?> GetCursorAsync(string connection, string entity, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            $"SELECT {CursorMapping.SelectColumns} FROM sync_cursors WHERE connection = @connection AND entity = @entity",
            command =>
            {
                Dialect.AddParameter(command, "connection", connection);
                Dialect.AddParameter(command, "entity", entity);
            },
            CursorMapping.Read,
            cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<Deal?> GetDealAsync(string connection, string externalId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            $"SELECT {DealMapping.SelectColumns} FROM deals WHERE connection = @connection AND external_id = @external_id AND removed_at IS NULL",
            command =>
            {
                Dialect.AddParameter(command, "connection", connection);
                Dialect.AddParameter(command, "external_id", externalId);
            },
            DealMapping.Read,
            cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async IAsyncEnumerable<Deal> StreamDealsAsync(DealQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DealMapping.SelectColumns} FROM deals WHERE {DealFilter(command, query)} ORDER BY connection, external_id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return DealMapping.Read(reader, Dialect);
        }
    }

    public async Task<long> CountDealsAsync(DealQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM deals WHERE {DealFilter(command, query)}";
        var count = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(string connection, CancellationToken cancellationToken)
    {
        var stages = await QueryAsync(
            "SELECT external_id, pipeline_id, name, sort_order, outcome FROM stages WHERE connection = @connection ORDER BY pipeline_id, sort_order, external_id",
            command => Dialect.AddParameter(command, "connection", connection),
            (reader, _) => new Stage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetEnum<StageOutcome>(4)),
            cancellationToken);
        var stagesByPipeline = stages.ToLookup(s => s.PipelineId, StringComparer.Ordinal);
        return await QueryAsync(
            "SELECT connection, external_id, name, sort_order FROM pipelines WHERE connection = @connection ORDER BY sort_order, external_id",
            command => Dialect.AddParameter(command, "connection", connection),
            (reader, _) => new Pipeline(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), [.. stagesByPipeline[reader.GetString(1)]]),
            cancellationToken);
    }

    public Task<IReadOnlyList<Owner>> GetOwnersAsync(string connection, CancellationToken cancellationToken) => QueryAsync(
        "SELECT connection, external_id, name, email FROM owners WHERE connection = @connection ORDER BY external_id",
        command => Dialect.AddParameter(command, "connection", connection),
        (reader, _) => new Owner(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3)),
        cancellationToken);

    public Task<IReadOnlyList<Company>> GetCompaniesAsync(string connection, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken) =>
        GetByIdsAsync("companies", CompanyMapping.SelectColumns, connection, externalIds, CompanyMapping.Read, cancellationToken);

    public Task<IReadOnlyList<Contact>> GetContactsAsync(string connection, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken) =>
        GetByIdsAsync("contacts", ContactMapping.SelectColumns, connection, externalIds, ContactMapping.Read, cancellationToken);

    public async Task<RelatedIds> GetMissingRelatedIdsAsync(string connection, CancellationToken cancellationToken)
    {
        var companyIds = await QueryAsync(
            """
            SELECT DISTINCT d.company_id FROM deals d
            WHERE d.connection = @connection AND d.removed_at IS NULL AND d.company_id IS NOT NULL AND d.company_id <> ''
              AND NOT EXISTS (SELECT 1 FROM companies c WHERE c.connection = d.connection AND c.external_id = d.company_id)
            ORDER BY d.company_id
            """,
            command => Dialect.AddParameter(command, "connection", connection),
            (reader, _) => reader.GetString(0),
            cancellationToken);
        var contactIds = await QueryAsync(
            """
            SELECT DISTINCT l.contact_id FROM deal_contacts l
            JOIN deals d ON d.connection = l.connection AND d.external_id = l.deal_id
            WHERE l.connection = @connection AND d.removed_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.connection = l.connection AND c.external_id = l.contact_id)
            ORDER BY l.contact_id
            """,
            command => Dialect.AddParameter(command, "connection", connection),
            (reader, _) => reader.GetString(0),
            cancellationToken);
        return new RelatedIds(companyIds, contactIds);
    }

    public Task<IReadOnlyList<StageTransition>> GetStageTransitionsAsync(string connection, string? dealId, CancellationToken cancellationToken) => QueryAsync(
        "SELECT connection, deal_id, pipeline_id, from_stage_id, to_stage_id, observed_at, crm_changed_at FROM stage_transitions " +
        $"WHERE connection = @connection{(dealId is null ? string.Empty : " AND deal_id = @deal_id")} ORDER BY id",
        command =>
        {
            Dialect.AddParameter(command, "connection", connection);
            if (dealId is not null)
            {
                Dialect.AddParameter(command, "deal_id", dealId);
            }
        },
        (reader, dialect) => new StageTransition(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetNullableString(3),
            reader.GetString(4),
            dialect.ReadTime(reader, 5),
            dialect.ReadNullableTime(reader, 6)),
        cancellationToken);

    public async Task<AuditEntry?> GetAuditEntryAsync(long id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            $"SELECT {AuditMapping.SelectColumns} FROM audit_log WHERE id = @id",
            command => Dialect.AddParameter(command, "id", id),
            AuditMapping.Read,
            cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditEntriesAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return QueryAsync(
            command =>
            {
                var where = new StringBuilder("1 = 1");
                AddFilter(command, where, "connection", query.Connection);
                AddFilter(command, where, "idempotency_key", query.IdempotencyKey);
                AddFilter(command, where, "outcome", query.Outcome?.ToString());
                if (query.Since is { } since)
                {
                    where.Append(" AND requested_at >= @since");
                    Dialect.AddParameter(command, "since", since);
                }

                Dialect.AddParameter(command, "limit", query.Limit);
                command.CommandText = $"SELECT {AuditMapping.SelectColumns} FROM audit_log WHERE {where} ORDER BY requested_at DESC, id DESC LIMIT @limit";
            },
            AuditMapping.Read,
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a connection ready for use (session settings applied).</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins the transaction of a <see cref="BeginAsync"/>.</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins a transaction that holds the store-wide migration lock until it ends, so concurrent starts migrate once.</summary>
    protected abstract ValueTask<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    protected virtual void Dispose(bool disposing)
    {
    }

    private string DealFilter(DbCommand command, DealQuery query)
    {
        var where = new StringBuilder("removed_at IS NULL");
        AddFilter(command, where, "connection", query.Connection);
        AddFilter(command, where, "pipeline_id", query.PipelineId);
        AddFilter(command, where, "status", query.Status?.ToString());
        return where.ToString();
    }

    private void AddFilter(DbCommand command, StringBuilder where, string column, string? value)
    {
        if (value is not null)
        {
            where.Append(" AND ").Append(column).Append(" = @").Append(column);
            Dialect.AddParameter(command, column, value);
        }
    }

    private async Task<IReadOnlyList<T>> GetByIdsAsync<T>(
        string table,
        string columns,
        string connection,
        IReadOnlyCollection<string> externalIds,
        Func<DbDataReader, RelationalDialect, T> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        if (externalIds.Count == 0)
        {
            return [];
        }

        return await QueryAsync(
            $"SELECT {columns} FROM {table} WHERE connection = @connection AND {Dialect.InSet("external_id", "ids")} ORDER BY external_id",
            command =>
            {
                Dialect.AddParameter(command, "connection", connection);
                Dialect.AddSetParameter(command, "ids", externalIds);
            },
            read,
            cancellationToken);
    }

    private Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql,
        Action<DbCommand> bind,
        Func<DbDataReader, RelationalDialect, T> read,
        CancellationToken cancellationToken) =>
        QueryAsync(
            command =>
            {
                command.CommandText = sql;
                bind(command);
            },
            read,
            cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        Action<DbCommand> prepare,
        Func<DbDataReader, RelationalDialect, T> read,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        prepare(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var results = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(read(reader, Dialect));
        }

        return results;
    }
}
