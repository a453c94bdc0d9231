using System.Data.Common;
using CrmBridge.Storage.Relational;
using Npgsql;

namespace CrmBridge.Storage.Postgres;

/// <summary>
/// The mirror in PostgreSQL, shared by every worker process. Migrations run under a transaction-scoped advisory
/// lock, so processes starting together apply each step once.
/// </summary>
public sealed class PostgresCrmStore : RelationalCrmStore
{
    /// <summary>"CrmBridg" as a 64-bit number: the advisory lock key of schema migrations.</summary>
    private const long MigrationLockKey = 0x43726D4272696467;

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">An Npgsql connection string (not a secret reference; resolve that first).</param>
    /// <param name="time">The clock for migration times; defaults to <see cref="TimeProvider.System"/>.</param>
    public PostgresCrmStore(string connectionString, TimeProvider? time = null)
        : base(PostgresDialect.Instance, time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(cancellationToken);
    }

    protected override async ValueTask<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            Dialect.AddParameter(command, "key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    protected override ValueTask DisposeAsyncCore() => _dataSource.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }
}
