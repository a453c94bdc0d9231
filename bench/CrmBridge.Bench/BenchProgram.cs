using CrmBridge.Bench.Children;

namespace CrmBridge.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/CrmBridge.Bench -- [--quick] [--only sync,incremental,limited,store,sweep]</c>:
/// runs every measurement, each in its own child process (so a figure's peak memory is that process's alone), and prints
/// the table. The children are this same program started with a mode as first argument.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        try
        {
            return options.Mode switch
            {
                "serve" => await SandboxChild.RunAsync(options),
                "sync" => await SyncChild.RunAsync(options),
                "store" => await StoreChild.RunAsync(options),
                "sweep" => await SweepChild.RunAsync(options),
                _ => await Orchestrator.RunAsync(options),
            };
        }
        catch (BenchUsageException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
