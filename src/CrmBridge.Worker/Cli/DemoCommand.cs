using System.CommandLine;
using CrmBridge.Core.Connections;
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
            var connections = sandbox.Crms.Select(crm => (Crm: crm, Connection: WithoutClientLimit(crm.CreateConnectionOptions()))).ToList();
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                [$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"] = StorageProviders.Sqlite,
                [$"{StorageOptions.SectionName}:{nameof(StorageOptions.SqlitePath)}"] = DemoStorePath,
            };
            foreach (var (_, connection) in connections)
            {
                foreach (var (key, value) in ConnectionConfiguration.ToConfiguration(connection))
                {
                    overrides[key] = value;
                }
            }

            DeleteStore(context.Overrides?.GetValueOrDefault($"{StorageOptions.SectionName}:{nameof(StorageOptions.SqlitePath)}") ?? DemoStorePath);
            return await CliHost.RunAsync(
                context,
                parse.GetValue(CliOptions.Config),
                (services, token) => RunAsync(context, services, sandbox, connections, token),
                ct,
                overrides);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context,
        IServiceProvider services,
        CrmSandbox sandbox,
        IReadOnlyList<(ISandboxCrm Crm, ConnectionOptions Connection)> connections,
        CancellationToken cancellationToken)
    {
        context.Console.MarkupLine($"[bold]CrmBridge demo[/]: {sandbox.Dataset.Deals.Count} deals served by sandbox {string.Join(", ", connections.Select(c => c.Crm.Kind))} at {sandbox.BaseUrl}");
        var engine = services.GetRequiredService<SyncEngine>();
        var summaries = new List<SyncSummary>();
        foreach (var (_, connection) in connections)
        {
            summaries.Add(await engine.SyncAsync(connection.Name, full: true, progress: null, cancellationToken));
        }

        foreach (var (crm, connection) in connections)
        {
            var moved = DemoChanges.Apply(sandbox.Dataset, crm);
            context.Console.MarkupLine($"In {crm.Kind}, {moved.Count} deals move on ({Markup.Escape(string.Join(", ", moved))}); an incremental sync picks up only what changed.");
            summaries.Add(await engine.SyncAsync(connection.Name, full: false, progress: null, cancellationToken));
        }

        SyncSummaryReport.Write(context, summaries, [], OutputFormat.Table);
        var store = services.GetRequiredService<ICrmStore>();
        foreach (var (_, connection) in connections)
        {
            await DemoReport.WriteAsync(context, store, connection.Name, cancellationToken);
        }

        // Each job shows its part of the demo here, one call per job, in the order a user would run them.
        await DemoHygieneStep.RunAsync(context, services, connections.Select(c => c.Connection.Name), cancellationToken);
        await DemoClientSuccessStep.RunAsync(context, services, [.. connections.Select(c => c.Connection)], cancellationToken);
        await DemoCemeteryStep.WriteAsync(context, services, sandbox, connections, cancellationToken);
        await DemoFunnelStep.RunAsync(context, services, connections.Select(c => c.Connection.Name), cancellationToken);
        context.Console.MarkupLine($"The store is [bold]{DemoStorePath}[/]. Run [bold]crmbridge sandbox[/] to keep the fake CRMs running and point a config at them.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The demo talks only to its own loopback sandbox, which enforces no limit, so it lifts the client-side budget that
    /// holds a real connection to its CRM's documented rate (endpoint limits such as search stay).
    /// </summary>
    private static ConnectionOptions WithoutClientLimit(ConnectionOptions connection)
    {
        connection.RateLimit = new RateLimitOptions { Enabled = false };
        return connection;
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
