using CrmBridge.Core;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Bitrix24;
using CrmBridge.Sandbox.Faults;
using CrmBridge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.Bitrix24.Tests.TestSupport;

/// <summary>The Bitrix24 sandbox portal, the adapter registered as the product registers it, and a fresh SQLite store.</summary>
public sealed class SandboxSyncHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbridge-bitrix24", Guid.NewGuid().ToString("N"));

    public SandboxSyncHost(int deals, bool limiter = false, Action<Bitrix24Options>? configure = null, bool oauth = false, SandboxFaultOptions? faults = null)
    {
        Sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = deals, Faults = faults });
        Connection = oauth ? Portal.CreateOAuthConnectionOptions() : Portal.CreateConnectionOptions();
        if (!limiter)
        {
            Connection.RateLimit = new RateLimitOptions { Enabled = false };
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddCrmBridgeCore();
        services.AddBitrix24Adapter();
        services.Configure<CrmBridgeOptions>(o => o.Connections[Connection.Name] = Connection);
        services.Configure<Bitrix24Options>(o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.RateLimitedFallbackDelay = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        });
        Directory.CreateDirectory(_directory);
        services.AddSingleton<ICrmStore>(new SqliteCrmStore(Path.Combine(_directory, "store.db")));
        _services = services.BuildServiceProvider();
    }

    public CrmSandbox Sandbox { get; }

    public ListLoggerProvider Logs { get; } = new();

    public Bitrix24Sandbox Portal => Sandbox.Bitrix24;

    public ConnectionOptions Connection { get; }

    public ICrmStore Store => _services.GetRequiredService<ICrmStore>();

    public CrmWriter Writer => _services.GetRequiredService<CrmWriter>();

    public ICrmAdapter Adapter => _services.GetRequiredService<CrmAdapterResolver>().Resolve(Connection.Name);

    public async Task<SandboxSyncHost> StartAsync()
    {
        await Store.MigrateAsync(CancellationToken.None);
        return this;
    }

    public Task<SyncSummary> SyncAsync(bool full) =>
        _services.GetRequiredService<SyncEngine>().SyncAsync(Connection.Name, full, progress: null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
