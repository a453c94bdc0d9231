using CrmBridge.Core.ClientSuccess;
using CrmBridge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Storage.Tests.ClientSuccess;

/// <summary>The Client Success contract on one temporary SQLite file per test class instance.</summary>
public sealed class SqliteClientSuccessStoreTests : ClientSuccessStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbridge-tests-" + Guid.NewGuid().ToString("N"));

    protected override async Task<IClientSuccessStore> OpenStoreAsync()
    {
        var store = new SqliteCrmStore(Path.Combine(_directory, "mirror.db"));
        await store.MigrateAsync(default);
        return store;
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
