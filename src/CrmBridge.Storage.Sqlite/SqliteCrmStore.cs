using System.Data.Common;
using CrmBridge.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Storage.Sqlite;

/// <summary>
/// The mirror in one SQLite file, in WAL mode so reads run beside a write. Every write transaction starts with
/// <c>BEGIN IMMEDIATE</c>, so writers from several processes queue on the busy timeout instead of failing on upgrade.
/// </summary>
public sealed class SqliteCrmStore : RelationalCrmStore
{
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;
    private readonly string _directory;
    private volatile bool _initialized;

    /// <param name="databasePath">The database file; its directory is created when missing. Relative paths are taken from the working directory.</param>
    /// <param name="time">The clock for migration times; defaults to <see cref="TimeProvider.System"/>.</param>
    public SqliteCrmStore(string databasePath, TimeProvider? time = null)
        : base(SqliteDialect.Instance, time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _directory = Path.GetDirectoryName(DatabasePath)!;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            Directory.CreateDirectory(_directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
            if (!_initialized)
            {
                // WAL is a property of the file, so once per store is enough.
                command.CommandText += " PRAGMA journal_mode = WAL;";
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            _initialized = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary><c>BEGIN IMMEDIATE</c> takes SQLite's single write lock, which is the migration lock too.</summary>
    protected override ValueTask<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginWriteTransactionAsync(connection, cancellationToken);
}
