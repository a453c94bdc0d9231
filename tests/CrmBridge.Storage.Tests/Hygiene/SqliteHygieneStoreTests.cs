using CrmBridge.Core.Storage;
using CrmBridge.Storage.Sqlite;

namespace CrmBridge.Storage.Tests.Hygiene;

/// <summary>The hygiene store contract on a temporary SQLite file per test.</summary>
public sealed class SqliteHygieneStoreTests : HygieneStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbridge-hygiene-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private string DatabasePath => Path.Combine(_directory, "mirror.db");

    protected override async Task<ICrmStore> CreateMigratedStoreAsync()
    {
        var store = new SqliteCrmStore(DatabasePath);
        await store.MigrateAsync(default);
        return store;
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
