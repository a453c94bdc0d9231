using CrmBridge.Adapters.Http;
using CrmBridge.Core.ClientSuccess;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Worker.Tests.ClientSuccess;

/// <summary>
/// A fresh sandbox serving every CRM dialect, one SQLite store, and as many worker hosts on them as a test starts (each
/// composed exactly as the product composes it, real adapters included), all on one fake clock.
/// </summary>
internal sealed class ClientSuccessHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<IHost> _hosts = [];

    public ClientSuccessHarness(int deals = 120)
    {
        Sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = deals });
        Time = new FakeTimeProvider(Sandbox.Now);
        Config[$"{StorageOptions.SectionName}:{nameof(StorageOptions.SqlitePath)}"] = _dir.File("store.db");
        Config[$"{ClientSuccessOptions.SectionName}:CopyFields:0"] = CanonicalFields.DealSource;
        foreach (var crm in Sandbox.Crms)
        {
            var connection = crm.CreateConnectionOptions();
            connection.RateLimit = new RateLimitOptions { Enabled = false };
            connection.DealUrlTemplate = crm.BaseUrl + "deals/{id}";
            foreach (var (key, value) in ConnectionConfiguration.ToConfiguration(connection))
            {
                Config[key] = value;
            }
        }
    }

    public CrmSandbox Sandbox { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Configuration every host gets; tests may add to it before starting a host.</summary>
    public Dictionary<string, string?> Config { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static string ConnectionOf(ISandboxCrm crm) => crm.CreateConnectionOptions().Name;

    /// <summary>The won deals of the dataset's sales pipeline: what a carry-over must copy.</summary>
    public IReadOnlyList<SandboxDeal> WonDeals =>
        [.. Sandbox.Dataset.Deals.Where(d => d.Status == DealStatus.Won && d.PipelineKey == SandboxStageKeys.SalesPipeline)];

    /// <summary>Starts a worker host (store migrated); <paramref name="configure"/> may replace services, e.g. to inject faults.</summary>
    public async Task<IServiceProvider> StartHostAsync(Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddCrmBridgeDefaults(new CrmBridgeHostSettings(null, Config, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }))
            .AddCrmAdapters()
            .AddCrmBridgeStorage();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));

        // The fake clock is business time (claims, leases, the CS calendar). The HTTP pipeline talks to a real loopback
        // server, so its rate limiters and timeouts keep real time instead of waiting on a clock nobody advances.
        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new CrmHttpClientProvider(
            sp.GetRequiredService<CrmRequestMeter>(), TimeProvider.System, sp.GetService<ILoggerFactory>())));
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return host.Services;
    }

    public static Task<SyncSummary> SyncAsync(IServiceProvider services, ISandboxCrm crm, bool full = true) =>
        services.GetRequiredService<SyncEngine>().SyncAsync(ConnectionOf(crm), full, progress: null, CancellationToken.None);

    public static Task<CsCarryOverReport> CarryOverAsync(IServiceProvider services, ISandboxCrm crm, bool dryRun = false) =>
        services.GetRequiredService<CsCarryOverEngine>().RunAsync(ConnectionOf(crm), dryRun, retryRejected: false, CancellationToken.None);

    public static Task<CsAdvanceReport> AdvanceAsync(IServiceProvider services, ISandboxCrm crm, bool dryRun = false) =>
        services.GetRequiredService<CsAdvanceEngine>().RunAsync(ConnectionOf(crm), dryRun, CancellationToken.None);

    public static async Task<IReadOnlyList<AuditEntry>> AuditAsync(IServiceProvider services, ISandboxCrm crm) =>
        await services.GetRequiredService<ICrmStore>().GetAuditEntriesAsync(new AuditQuery(ConnectionOf(crm), Limit: 100_000), CancellationToken.None);

    /// <summary>
    /// Every copy in the CRM's Client Success pipeline, by the original it was made from, read back through a full sync:
    /// the count per original is what "exactly once" is about.
    /// </summary>
    public async Task<Dictionary<string, int>> CopiesPerOriginalAsync(IServiceProvider services, ISandboxCrm crm)
    {
        await SyncAsync(services, crm);
        var store = services.GetRequiredService<ICrmStore>();
        var copies = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var deal in store.StreamDealsAsync(new DealQuery(ConnectionOf(crm), crm.GetPipelineId(SandboxStageKeys.ClientSuccessPipeline)), CancellationToken.None))
        {
            var marker = deal.Fields.GetValueOrDefault(CanonicalFields.DealMarker) ?? "(no marker)";
            var original = marker.Split(':') is { Length: 4 } parts ? parts[2] : marker;
            copies[original] = copies.GetValueOrDefault(original) + 1;
        }

        return copies;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
