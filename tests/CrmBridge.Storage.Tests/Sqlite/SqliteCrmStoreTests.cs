using CrmBridge.Core.Storage;
using CrmBridge.Storage.Sqlite;
using CrmBridge.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Storage.Tests.Sqlite;

/// <summary>The contract on a temporary SQLite file per test, plus what only SQLite does.</summary>
public sealed class SqliteCrmStoreTests : CrmStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbridge-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task MigrateAsync_FileInMissingDirectory_CreatesDirectoryAndUsesWal()
    {
        var path = Path.Combine(_directory, "nested", "deeper", "mirror.db");
        var store = Track(new SqliteCrmStore(path));

        await store.MigrateAsync(default);

        Assert.True(File.Exists(path));
        await using var connection = await OpenRawAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT version FROM schema_migrations";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task UpsertDealsAsync_Times_AreStoredAsUnixMicroseconds()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1")], Context(), default));

        await using var connection = await OpenRawAsync(((SqliteCrmStore)Store).DatabasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at FROM deals WHERE external_id = '1'";
        var micros = (long)(await command.ExecuteScalarAsync())!;

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch.AddTicks(micros * 10));
    }

    protected override async Task<ICrmStore> CreateMigratedStoreAsync()
    {
        var store = new SqliteCrmStore(Path.Combine(_directory, "mirror.db"));
        await store.MigrateAsync(default);
        return store;
    }

    protected override Task<Func<ICrmStore>> CreateDatabaseAsync()
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
        return Task.FromResult<Func<ICrmStore>>(() => new SqliteCrmStore(path));
    }

    private static async Task<SqliteConnection> OpenRawAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        return connection;
    }

    protected override Task DisposeBackendAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
