using System.Diagnostics;
using System.Text.Json;
using CrmBridge.Bench.Runs;
using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Hygiene.Sweep;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Bench.Children;

/// <summary><c>sweep --what hygiene|cemetery --store FILE --connection FILE</c>: one hygiene sweep or cemetery scan over a stored connection.</summary>
internal static class SweepChild
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var connection = JsonSerializer.Deserialize<BenchConnection>(await File.ReadAllTextAsync(args.Required("connection")), ChildProtocol.Json)
            ?? throw new BenchUsageException("--connection: empty file");
        var configuration = connection.ToConfiguration(limiter: false);
        configuration["CrmBridge:Storage:SqlitePath"] = args.Required("store");
        await using var services = ProductServices.Build(configuration);
        var store = services.GetRequiredService<ICrmStore>();
        await store.MigrateAsync(CancellationToken.None);
        var deals = await store.CountDealsAsync(new DealQuery(connection.Name), CancellationToken.None);
        var what = args.Required("what");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        string outcome;
        if (string.Equals(what, "hygiene", StringComparison.OrdinalIgnoreCase))
        {
            var sweep = await services.GetRequiredService<HygieneSweeper>().SweepAsync(connection.Name, CancellationToken.None);
            outcome = sweep.ToString();
        }
        else
        {
            var scan = await services.GetRequiredService<CemeteryScanner>().ScanAsync(connection.Name, CancellationToken.None);
            outcome = scan.ToString();
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        ChildProtocol.Write(ChildProtocol.Result, new SweepResult(what, deals, seconds, cpuSeconds, PeakMemory.Megabytes(), outcome.Length > 300 ? outcome[..300] : outcome));
        return 0;
    }
}
