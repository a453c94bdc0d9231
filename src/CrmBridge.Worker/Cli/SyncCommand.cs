using System.CommandLine;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Sync;
using CrmBridge.Worker.Output;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CrmBridge.Worker.Cli;

/// <summary><c>crmbridge sync [--connection NAME] [--full]</c>: one sync, then a summary per connection.</summary>
internal static class SyncCommand
{
    public static Command Create(CliContext context)
    {
        var connection = CliOptions.Connection();
        var full = new Option<bool>("--full") { Description = "Read every deal (and remove those gone from the CRM) instead of only the changed ones." };
        var format = CliOptions.Format(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("sync", "Sync deals from the CRMs into the local store once, then exit.") { connection, full, format };
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            (services, token) => RunAsync(context, services, parse.GetValue(connection), parse.GetValue(full), parse.GetValue(format), token),
            ct));
        return command;
    }

    /// <summary>Syncs the chosen connections; a failing connection is reported and the others still run.</summary>
    internal static async Task<int> RunAsync(CliContext context, IServiceProvider services, string? only, bool full, OutputFormat format, CancellationToken cancellationToken)
    {
        var resolver = services.GetRequiredService<CrmAdapterResolver>();
        var names = only is not null ? [only] : resolver.Connections.Select(c => c.Name).ToList();
        if (names.Count == 0)
        {
            return CliHost.Fail(context, "No connections are configured: add one under CrmBridge:Connections (see README), or try `crmbridge demo`.");
        }

        if (only is not null && resolver.Connections.All(c => !string.Equals(c.Name, only, StringComparison.OrdinalIgnoreCase)))
        {
            return CliHost.Fail(context, $"--connection {only}: no enabled connection has that name. Configured: {string.Join(", ", resolver.Connections.Select(c => c.Name))}.");
        }

        var engine = services.GetRequiredService<SyncEngine>();
        var summaries = new List<SyncSummary>();
        var failures = new List<(string Connection, string Error)>();
        foreach (var name in names)
        {
            try
            {
                summaries.Add(await SyncOneAsync(context, engine, name, full, cancellationToken));
            }
            catch (CrmException ex)
            {
                failures.Add((name, ex.Message));
            }
        }

        SyncSummaryReport.Write(context, summaries, failures, format);
        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Error;
    }

    private static async Task<SyncSummary> SyncOneAsync(CliContext context, SyncEngine engine, string connection, bool full, CancellationToken cancellationToken)
    {
        if (!context.Interactive)
        {
            return await engine.SyncAsync(connection, full, progress: null, cancellationToken);
        }

        SyncSummary? summary = null;
        await context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask($"{connection}: starting").IsIndeterminate();
                var progress = new Progress<SyncProgress>(p => task.Description = $"{p.Connection}: {p.DealsFetched} deals, {p.Pages} pages");
                summary = await engine.SyncAsync(connection, full, progress, cancellationToken);
                task.Description = $"{connection}: done";
                task.StopTask();
            });
        return summary!;
    }
}
