using CrmBridge.Core;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;
using CrmBridge.Sandbox;
using CrmBridge.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// The product's services for one sandbox CRM connection over one SQLite store: core, every shipped adapter registered
/// as the host registers them, the client's own rate limiter lifted and retries shortened (<see cref="FastResilience"/>).
/// </summary>
internal sealed class ResilienceHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ResilienceHost(ISandboxCrm crm, string storePath, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        Crm = crm;
        Connection = crm.CreateConnectionOptions();
        Connection.RateLimit = new RateLimitOptions { Enabled = false };
        var values = FastResilience.Configuration([crm.Kind]);
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddCrmBridgeCore();
        ProductAdapters.AddAll(services);
        services.Configure<CrmBridgeOptions>(o => o.Connections[Connection.Name] = Connection);
        services.AddSingleton<ICrmStore>(new SqliteCrmStore(storePath));
        _services = services.BuildServiceProvider();
    }

    public ISandboxCrm Crm { get; }

    public ConnectionOptions Connection { get; }

    public ICrmStore Store => _services.GetRequiredService<ICrmStore>();

    public CrmWriter Writer => _services.GetRequiredService<CrmWriter>();

    public ICrmAdapter Adapter => _services.GetRequiredService<CrmAdapterResolver>().Resolve(Connection.Name);

    public IServiceProvider Services => _services;

    public async Task InitializeAsync()
    {
        _ = _services.GetRequiredService<IOptions<CrmBridgeOptions>>().Value;
        await Store.MigrateAsync(CancellationToken.None);
    }

    public Task<SyncSummary> SyncAsync(bool full) =>
        _services.GetRequiredService<SyncEngine>().SyncAsync(Connection.Name, full, progress: null, CancellationToken.None);

    /// <summary>
    /// Syncs as the scheduler would: a run that fails with a CRM error is followed by another, which resumes from the saved
    /// cursor. An expired token is renewed between runs, as an operator (or a refresh) would. Returns the failures seen.
    /// </summary>
    public async Task<(SyncSummary Summary, IReadOnlyList<CrmException> Failures)> SyncUntilDoneAsync(CrmSandbox sandbox, bool full, int maxRuns = 12)
    {
        var failures = new List<CrmException>();
        for (var run = 1; run <= maxRuns; run++)
        {
            try
            {
                return (await SyncAsync(full), failures);
            }
            catch (CrmException ex)
            {
                failures.Add(ex);
                if (sandbox.Faults.TokenExpired(Crm.Kind))
                {
                    sandbox.Faults.RenewToken(Crm.Kind);
                }
            }
        }

        throw new InvalidOperationException(
            $"{Crm.Kind}: sync did not finish in {maxRuns} runs; failures: {string.Join(" | ", failures.Select(f => f.GetType().Name + ": " + f.Message))}");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
