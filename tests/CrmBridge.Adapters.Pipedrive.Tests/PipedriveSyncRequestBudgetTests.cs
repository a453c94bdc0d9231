using System.Diagnostics;
using CrmBridge.Core;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Sandbox;
using CrmBridge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CrmBridge.Adapters.Pipedrive.Tests;

/// <summary>
/// A full sync of 10,000 sandbox deals through the real SyncEngine, adapter and store, the client-side limiter lifted,
/// counting requests against the least the page size (500) and the id-batch size (100) allow.
/// </summary>
public sealed class PipedriveSyncRequestBudgetTests(ITestOutputHelper output) : IDisposable
{
    private const int Deals = 10_000;
    private const int FixedRequests = 6; // pipelines, stages, users, deal/organization/person field definitions
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbridge-pipedrive-budget", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
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

    [Fact]
    public async Task FullSync_TenThousandSandboxDeals_IssuesNoMoreRequestsThanPageAndBatchLimitsRequire()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = Deals });
        var expected = Minimum(sandbox, readParticipants: true);
        var withoutParticipants = Minimum(sandbox, readParticipants: false);

        var (summary, requests, elapsed) = await SyncAsync(sandbox, "budget", readParticipants: true);
        var (leanSummary, leanRequests, _) = await SyncAsync(sandbox, "budget-lean", readParticipants: false);

        output.WriteLine($"Full sync of {summary.DealsFetched} deals: {requests.Requests} requests in {elapsed.TotalSeconds:0.0} s, {requests.RateLimited} rate-limited.");
        output.WriteLine($"  least the limits allow: {expected.Total} = {expected.Describe()}");
        output.WriteLine($"  (with activities batched across pages instead of per page: {expected.TotalGlobalActivities})");
        output.WriteLine($"Without participants: {leanRequests.Requests} requests; least: {withoutParticipants.Total} = {withoutParticipants.Describe()}");
        Assert.Equal(Deals, summary.DealsFetched);
        Assert.Equal(Deals, summary.New);
        Assert.Equal(0, summary.Skipped);
        Assert.Equal(0, requests.RateLimited);
        Assert.Equal(expected.Total, requests.Requests);
        Assert.Equal(Deals, leanSummary.DealsFetched);
        Assert.Equal(withoutParticipants.Total, leanRequests.Requests);
    }

    private async Task<(SyncSummary Summary, CrmRequestCount Requests, TimeSpan Elapsed)> SyncAsync(CrmSandbox sandbox, string name, bool readParticipants)
    {
        var connection = sandbox.Pipedrive.CreateConnectionOptions(name);
        connection.RateLimit = new RateLimitOptions { Enabled = false };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmBridge:Pipedrive:ReadParticipants"] = readParticipants ? "true" : "false",
        }).Build());
        services.AddLogging();
        services.AddCrmBridgeCore();
        services.AddPipedriveAdapter();
        services.Configure<CrmBridgeOptions>(o => o.Connections[connection.Name] = connection);
        Directory.CreateDirectory(_directory);
        services.AddSingleton<ICrmStore>(new SqliteCrmStore(Path.Combine(_directory, $"{name}.db")));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ICrmStore>().MigrateAsync(CancellationToken.None);
        var meter = provider.GetRequiredService<CrmRequestMeter>();

        var stopwatch = Stopwatch.StartNew();
        var summary = await provider.GetRequiredService<SyncEngine>().SyncAsync(name, full: true, progress: null, CancellationToken.None);
        return (summary, meter.Read(name), stopwatch.Elapsed);
    }

    /// <summary>What the dataset needs at least: deal pages of 500; activity, organization and person reads of 100 ids; one person read per deal with several persons (no batch endpoint).</summary>
    private static Budget Minimum(CrmSandbox sandbox, bool readParticipants)
    {
        var deals = sandbox.Dataset.Deals;
        var pages = (deals.Count + 499) / 500;
        var activitiesPerPage = deals.Chunk(500).Sum(page => Ceiling(page.Count(d => d.LastActivityAt is not null) + page.Count(d => d.NextActivityAt is not null), 100));
        var allActivities = Ceiling(deals.Count(d => d.LastActivityAt is not null) + deals.Count(d => d.NextActivityAt is not null), 100);
        var multiPerson = readParticipants ? deals.Count(d => d.ContactKeys.Count > 1) : 0;
        var companies = Ceiling(deals.Select(d => d.CompanyKey).OfType<string>().Distinct().Count(), 100);
        var contacts = Ceiling((readParticipants ? deals.SelectMany(d => d.ContactKeys) : deals.SelectMany(d => d.ContactKeys.Take(1))).Distinct().Count(), 100);
        return new Budget(FixedRequests, pages, activitiesPerPage, allActivities, multiPerson, companies, contacts);
    }

    private static int Ceiling(int count, int size) => (count + size - 1) / size;

    private sealed record Budget(int Fixed, int DealPages, int ActivityReads, int GlobalActivityReads, int ParticipantReads, int CompanyReads, int ContactReads)
    {
        public int Total => Fixed + DealPages + ActivityReads + ParticipantReads + CompanyReads + ContactReads;

        public int TotalGlobalActivities => Total - ActivityReads + GlobalActivityReads;

        public string Describe() =>
            $"{Fixed} fixed + {DealPages} deal pages + {ActivityReads} activity reads + {ParticipantReads} participant reads + {CompanyReads} organization reads + {ContactReads} person reads";
    }
}
