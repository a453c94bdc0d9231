using System.Diagnostics;
using System.Text.Json;
using CrmBridge.Bench.Runs;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Bench.Children;

/// <summary>
/// <c>sync --connection FILE --store FILE [--full] [--deals-only] [--limiter]</c>: one sync with the product's engine,
/// adapters and SQLite store, then its figures and this process's peak memory.
/// </summary>
internal static class SyncChild
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var connection = JsonSerializer.Deserialize<BenchConnection>(await File.ReadAllTextAsync(args.Required("connection")), ChildProtocol.Json)
            ?? throw new BenchUsageException("--connection: empty file");
        var configuration = connection.ToConfiguration(limiter: args.Flag("limiter"));
        configuration["CrmBridge:Storage:SqlitePath"] = args.Required("store");
        if (args.Flag("deals-only"))
        {
            // Deals alone: the product's own switch spares Pipedrive's per-deal person lists, whose ids would be dropped anyway.
            configuration["CrmBridge:Pipedrive:ReadParticipants"] = "false";
        }

        await using var services = ProductServices.Build(configuration, dealsOnly: args.Flag("deals-only"));
        var store = services.GetRequiredService<ICrmStore>();
        await store.MigrateAsync(CancellationToken.None);
        var engine = services.GetRequiredService<SyncEngine>();

        var stopwatch = Stopwatch.StartNew();
        var summary = await engine.SyncAsync(connection.Name, args.Flag("full"), progress: null, CancellationToken.None);
        var seconds = stopwatch.Elapsed.TotalSeconds;

        // The fixed part of every sync (pipelines, owners), counted apart so the minimum can be worked out.
        var adapter = services.GetRequiredService<CrmAdapterResolver>().Resolve(connection.Name);
        var meter = services.GetRequiredService<CrmRequestMeter>();
        var before = meter.Read(connection.Name);
        await adapter.GetPipelinesAsync(CancellationToken.None);
        await adapter.GetOwnersAsync(CancellationToken.None);
        var reference = meter.Read(connection.Name).Since(before).Requests;

        ChildProtocol.Write(ChildProtocol.Result, new SyncResult(
            summary.DealsFetched,
            summary.CompaniesFetched,
            summary.ContactsFetched,
            summary.Requests,
            summary.RateLimited,
            seconds,
            adapter.Capabilities.MaxPageSize,
            adapter.Capabilities.MaxBatchReadSize,
            reference,
            adapter.Capabilities.HasRemovedDealsFeed,
            PeakMemory.Megabytes()));
        return 0;
    }
}
