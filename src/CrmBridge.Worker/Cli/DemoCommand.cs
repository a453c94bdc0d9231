using System.CommandLine;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Sandbox;
using CrmBridge.Worker.Hosting;
using CrmBridge.Worker.Output;
using Spectre.Console;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Worker.Cli;

/// <summary>
/// <c>crmbridge demo</c>: starts the sandbox CRMs in-process, syncs them into a fresh embedded store, changes a few deals
/// and syncs again incrementally, then prints what the store holds. Needs no server and no account.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The demo's own store, so a demo never mixes with real data.</summary>
    public const string DemoStorePath = "data/demo.db";

    public static Command Create(CliContext context)
    {
        var deals = new Option<int>("--deals") { Description = "How many deals the sandbox seeds.", DefaultValueFactory = _ => 300 };
        var command = new Command("demo", "Sync the built-in sandbox CRMs into a fresh local store and show the result.") { deals };
        command.SetAction(async (parse, ct) =>
        {
            await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = parse.GetValue(deals) });
            var connection = sandbox.HubSpot.CreateConnectionOptions();
            var overrides = ConnectionConfiguration.ToConfiguration(connection);
            overrides[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"] = StorageProviders.Sqlite;
            overrides[$"{StorageOptions.SectionName}:{nameof(StorageOptions.SqlitePath)}"] = DemoStorePath;
            DeleteStore(context.Overrides?.GetValueOrDefault($"{StorageOptions.SectionName}:{nameof(StorageOptions.SqlitePath)}") ?? DemoStorePath);
            return await CliHost.RunAsync(
                context,
                parse.GetValue(CliOptions.Config),
                (services, token) => RunAsync(context, services, sandbox, connection.Name, token),
                ct,
                overrides);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IServiceProvider services, CrmSandbox sandbox, string connection, CancellationToken cancellationToken)
    {
        context.Console.MarkupLine($"[bold]CrmBridge demo[/]: a sandbox HubSpot with {sandbox.HubSpot.DealCount} deals at {sandbox.HubSpot.BaseUrl}");
        var engine = services.GetRequiredService<SyncEngine>();
        var first = await engine.SyncAsync(connection, full: true, progress: null, cancellationToken);

        var changed = DemoChanges.Apply(sandbox);
        context.Console.MarkupLine($"Then {changed.Count} deals move on in the sandbox ({string.Join(", ", changed)}); an incremental sync picks up only what changed:");
        var second = await engine.SyncAsync(connection, full: false, progress: null, cancellationToken);
        SyncSummaryReport.Write(context, [first, second], [], OutputFormat.Table);

        await DemoReport.WriteAsync(context, services.GetRequiredService<ICrmStore>(), connection, cancellationToken);

        // Each job shows its part of the demo here, one call per job, in the order a user would run them.
        context.Console.MarkupLine($"The store is [bold]{DemoStorePath}[/]; try [bold]crmbridge deals --format csv --config <a config pointing there>[/], or [bold]crmbridge sandbox[/] to keep the fake CRM running.");
        return ExitCodes.Success;
    }

    private static void DeleteStore(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }
}
