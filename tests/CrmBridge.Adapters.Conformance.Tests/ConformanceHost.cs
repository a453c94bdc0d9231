using CrmBridge.Adapters.AmoCrm;
using CrmBridge.Adapters.Bitrix24;
using CrmBridge.Adapters.HubSpot;
using CrmBridge.Adapters.Pipedrive;
using CrmBridge.Core;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;
using CrmBridge.Sandbox;
using CrmBridge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Conformance.Tests;

/// <summary>
/// One CRM of a fresh sandbox, the real adapter registered as the product registers it, and a fresh SQLite store:
/// everything a scenario needs, with the sandbox's rate limiter lifted so scenarios run fast.
/// </summary>
internal sealed class ConformanceHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbridge-conformance", Guid.NewGuid().ToString("N"));

    public ConformanceHost(CrmKind kind, ConformanceAuth auth = ConformanceAuth.Default, int deals = 120)
    {
        Sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = deals });
        Crm = Sandbox.Crms.Single(c => c.Kind == kind);
        Connection = auth switch
        {
            ConformanceAuth.Default => Crm.CreateConnectionOptions(),
            ConformanceAuth.OAuth when kind == CrmKind.Bitrix24 => Sandbox.Bitrix24.CreateOAuthConnectionOptions(),
            _ => throw new ArgumentOutOfRangeException(nameof(auth), auth, $"the sandbox has no {auth} connection for {kind}"),
        };
        Connection.RateLimit = new RateLimitOptions { Enabled = false };

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddCrmBridgeCore();
        // Every adapter the product ships, registered as the host does; each conformance member adds its line here.
        services.AddHubSpotAdapter();
        services.AddPipedriveAdapter();
        services.AddBitrix24Adapter();
        services.AddAmoCrmAdapter();
        services.Configure<CrmBridgeOptions>(o => o.Connections[Connection.Name] = Connection);
        Directory.CreateDirectory(_directory);
        services.AddSingleton<ICrmStore>(new SqliteCrmStore(Path.Combine(_directory, "store.db")));
        _services = services.BuildServiceProvider();
    }

    public CrmSandbox Sandbox { get; }

    public ISandboxCrm Crm { get; }

    public ConnectionOptions Connection { get; }

    public ICrmStore Store => _services.GetRequiredService<ICrmStore>();

    public SyncEngine Engine => _services.GetRequiredService<SyncEngine>();

    public CrmWriter Writer => _services.GetRequiredService<CrmWriter>();

    public ICrmAdapter Adapter => _services.GetRequiredService<CrmAdapterResolver>().Resolve(Connection.Name);

    public async Task InitializeAsync()
    {
        // Resolving the options runs the same start-up validation the product runs.
        _ = _services.GetRequiredService<IOptions<CrmBridgeOptions>>().Value;
        await Store.MigrateAsync(CancellationToken.None);
    }

    public Task<SyncSummary> SyncAsync(bool full) => Engine.SyncAsync(Connection.Name, full, progress: null, CancellationToken.None);

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
