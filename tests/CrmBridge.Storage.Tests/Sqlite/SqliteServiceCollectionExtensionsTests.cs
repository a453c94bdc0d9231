using CrmBridge.Core.Storage;
using CrmBridge.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Storage.Tests.Sqlite;

public sealed class SqliteServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSqliteCrmStore_WithOptions_RegistersOneSingletonStoreOnTheConfiguredPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmbridge-di-" + Guid.NewGuid().ToString("N"), "mirror.db");
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new StorageOptions { SqlitePath = path }));

        services.AddSqliteCrmStore().AddSqliteCrmStore();
        using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<SqliteCrmStore>(provider.GetRequiredService<ICrmStore>());
        Assert.Same(store, provider.GetRequiredService<ICrmStore>());
        Assert.Equal(path, store.DatabasePath);
        Assert.Single(services, d => d.ServiceType == typeof(ICrmStore));
    }
}
