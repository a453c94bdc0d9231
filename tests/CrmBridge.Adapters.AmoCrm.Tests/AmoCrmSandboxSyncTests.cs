using CrmBridge.Core;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Sandbox;
using CrmBridge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CrmBridge.Adapters.AmoCrm.Tests;

/// <summary>The adapter through the real sync engine against the sandbox's amoCRM dialect: request economy and OAuth end to end.</summary>
public sealed class AmoCrmSandboxSyncTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbridge-amocrm-sync-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task FullSync_TenThousandDealsWithoutLimiter_IssuesOnlyThePagesAndBatchesTheLimitsRequire()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 10_000 });
        var connection = sandbox.AmoCrm.CreateConnectionOptions();
        connection.RateLimit = new RateLimitOptions { Enabled = false };
        var engine = await StartAsync(connection);
        sandbox.AmoCrm.ResetRequestLog();

        var summary = await engine.SyncAsync(connection.Name, full: true, progress: null, CancellationToken.None);

        var requests = sandbox.AmoCrm.Requests;
        int Count(string path) => requests.Count(r => r.Path.EndsWith(path, StringComparison.Ordinal));
        var activityTypes = new HashSet<string>(new AmoCrmOptions().ActivityEventTypes.Append("lead_status_changed"), StringComparer.Ordinal);
        var events = EventCount(sandbox, activityTypes);
        var leadPages = Ceiling(10_000, 250);
        var eventPages = Ceiling(events, 100);
        var companyBatches = Ceiling(summary.CompaniesFetched, 250);
        var contactBatches = Ceiling(summary.ContactsFetched, 250);
        var fixedReads = 3; // pipelines, users, account (currency)
        var minimum = leadPages + eventPages + companyBatches + contactBatches + fixedReads;
        output.WriteLine(
            $"10,000 deals: {requests.Count} requests (leads {Count("/api/v4/leads")}, events {Count("/api/v4/events")}, companies {Count("/api/v4/companies")}, " +
            $"contacts {Count("/api/v4/contacts")}, other {requests.Count - Count("/api/v4/leads") - Count("/api/v4/events") - Count("/api/v4/companies") - Count("/api/v4/contacts")}); " +
            $"minimum {minimum} (leads {leadPages}, events {eventPages} for {events} events, companies {companyBatches} for {summary.CompaniesFetched}, " +
            $"contacts {contactBatches} for {summary.ContactsFetched}, fixed {fixedReads}); took {summary.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(10_000, summary.DealsFetched);
        Assert.Equal(10_000, summary.New);
        Assert.Equal(0, summary.Skipped);
        Assert.All(requests, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(summary.Requests, requests.Count);
        Assert.InRange(Count("/api/v4/leads"), leadPages, leadPages + 2);
        Assert.Equal(eventPages, Count("/api/v4/events"));
        Assert.Equal(companyBatches, Count("/api/v4/companies"));
        Assert.Equal(contactBatches, Count("/api/v4/contacts"));
        Assert.InRange(requests.Count, minimum, minimum + 3);
    }

    [Fact]
    public async Task Sync_OverOAuth_RefreshesOnceAndKeepsTheRotatedPairInTheStore()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 30 });
        var connection = sandbox.AmoCrm.CreateOAuthConnectionOptions();
        connection.RateLimit = new RateLimitOptions { Enabled = false };
        var engine = await StartAsync(connection);

        var first = await engine.SyncAsync(connection.Name, full: true, progress: null, CancellationToken.None);
        var second = await engine.SyncAsync(connection.Name, full: false, progress: null, CancellationToken.None);

        Assert.Equal(30, first.DealsFetched);
        Assert.False(second.Full);
        Assert.Equal(1, sandbox.AmoCrm.OAuthRefreshes);
        var stored = await _services!.GetRequiredService<Core.Credentials.ICredentialStore>().GetCredentialAsync(connection.Name, CancellationToken.None);
        Assert.Equal(2, stored!.Version);
        Assert.NotEqual(connection.OAuth!.RefreshToken, stored.Pair.RefreshToken);
    }

    [Fact]
    public async Task IncrementalSync_CallLoggedWithoutTouchingTheLead_UpdatesItsLastActivity()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 40 });
        var connection = sandbox.AmoCrm.CreateConnectionOptions();
        connection.RateLimit = new RateLimitOptions { Enabled = false };
        var engine = await StartAsync(connection);
        await engine.SyncAsync(connection.Name, full: true, progress: null, CancellationToken.None);
        var dealId = sandbox.AmoCrm.GetDealId(sandbox.Dataset.Deals.OrderBy(d => d.UpdatedAt).First().Key);
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        sandbox.AmoCrm.LogCall(dealId);
        await engine.SyncAsync(connection.Name, full: false, progress: null, CancellationToken.None);

        var deal = await _services!.GetRequiredService<ICrmStore>().GetDealAsync(connection.Name, dealId, CancellationToken.None);
        Assert.True(deal!.LastActivityAt >= sandbox.Now.AddSeconds(-5), $"last activity {deal.LastActivityAt} is not the call just logged");
    }

    private async Task<SyncEngine> StartAsync(ConnectionOptions connection)
    {
        Directory.CreateDirectory(_directory);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddCrmBridgeCore();
        services.AddAmoCrmAdapter();
        services.Configure<CrmBridgeOptions>(o => o.Connections[connection.Name] = connection);
        var store = new SqliteCrmStore(Path.Combine(_directory, "store.db"));
        services.AddSingleton<ICrmStore>(store);
        services.AddSingleton<Core.Credentials.ICredentialStore>(store);
        _services = services.BuildServiceProvider();
        await store.MigrateAsync(CancellationToken.None);
        return _services.GetRequiredService<SyncEngine>();
    }

    private static int EventCount(CrmSandbox sandbox, HashSet<string> types)
    {
        var dataset = sandbox.Dataset;
        var statusChanges = dataset.Deals.Count(d => d.StageEnteredAt.ToUnixTimeSeconds() > d.CreatedAt.ToUnixTimeSeconds());
        var calls = dataset.Deals.Count(d => d.LastActivityAt is not null);
        return (types.Contains("lead_status_changed") ? statusChanges : 0) + (types.Contains("outgoing_call") ? calls : 0);
    }

    private static int Ceiling(int count, int size) => (count + size - 1) / size;
}
