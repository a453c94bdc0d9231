using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Storage;
using CrmBridge.Worker.Cli;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>The demo's hygiene step: sweeps each sandbox connection with the default rules and prints the report (no fixes, no tasks).</summary>
internal static class DemoHygieneStep
{
    public static async Task RunAsync(CliContext context, IServiceProvider services, IEnumerable<string> connections, CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredService<HygieneEngine>();
        var store = services.GetRequiredService<ICrmStore>();
        var reports = new List<HygieneConnectionReport>();
        foreach (var connection in connections)
        {
            var run = await engine.RunAsync(connection, new HygieneRunRequest("demo", HygieneFixMode.Off, CreateTasks: false), cancellationToken);
            reports.Add(new HygieneConnectionReport(connection, run, await ConnectionNames.LoadAsync(store, connection, cancellationToken)));
        }

        await HygieneReport.WriteAsync(context, reports, [], services.GetRequiredService<IHygieneStore>(), OutputFormat.Table, cancellationToken);
        context.Console.MarkupLine("Run [bold]crmbridge hygiene --fix --dry-run[/] to preview the renames, [bold]--fix[/] to apply them (undo with [bold]crmbridge undo[/]).");
    }
}
