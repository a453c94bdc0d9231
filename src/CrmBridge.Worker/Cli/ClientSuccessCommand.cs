using System.CommandLine;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.ClientSuccess;
using CrmBridge.Core.Storage;
using CrmBridge.Worker.Output;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Worker.Cli;

/// <summary>
/// <c>crmbridge cs carry-over|advance [--connection NAME] [--dry-run] [--format table|json]</c>: the Client Success
/// carry-over of won deals and the calendar walk of CS deals, once, on the store's view of the CRM (run <c>sync</c> first).
/// </summary>
internal static class ClientSuccessCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("cs", "Client Success: carry won deals into the CS pipeline and walk them through its calendar stages.");
        command.Subcommands.Add(CarryOver(context));
        command.Subcommands.Add(Advance(context));
        return command;
    }

    private static Command CarryOver(CliContext context)
    {
        var connection = CliOptions.Connection();
        var dryRun = new Option<bool>("--dry-run") { Description = "List the copies it would create; write nothing to the CRM." };
        var retryRejected = new Option<bool>("--retry-rejected") { Description = "Try again the won deals whose copy the CRM rejected earlier." };
        var format = CliOptions.Format(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("carry-over", "Copy each won deal of the sales pipelines once into the Client Success pipeline.") { connection, dryRun, retryRejected, format };
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            async (services, token) =>
            {
                var engine = services.GetRequiredService<CsCarryOverEngine>();
                return await RunAsync(context, services, parse.GetValue(connection), async name =>
                {
                    var report = await engine.RunAsync(name, parse.GetValue(dryRun), parse.GetValue(retryRejected), token);
                    return (report, report.Problem is not null || report.Count(CsCarryOverOutcome.Failed) > 0);
                }, (reports, store) => ClientSuccessReport.WriteCarryOverAsync(context, store, reports, parse.GetValue(format), token));
            },
            ct));
        return command;
    }

    private static Command Advance(CliContext context)
    {
        var connection = CliOptions.Connection();
        var dryRun = new Option<bool>("--dry-run") { Description = "List the moves and tasks it would make; write nothing to the CRM." };
        var format = CliOptions.Format(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("advance", "Move each CS deal to the stage of its current period and create that period's plan tasks.") { connection, dryRun, format };
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            async (services, token) =>
            {
                var engine = services.GetRequiredService<CsAdvanceEngine>();
                return await RunAsync(context, services, parse.GetValue(connection), async name =>
                {
                    var report = await engine.RunAsync(name, parse.GetValue(dryRun), token);
                    return (report, report.Problem is not null || report.Count(CsAdvanceOutcome.Failed) > 0 || report.CountTasks(CsTaskOutcome.Failed) > 0);
                }, (reports, store) => ClientSuccessReport.WriteAdvanceAsync(context, store, reports, parse.GetValue(format), token));
            },
            ct));
        return command;
    }

    /// <summary>Runs one engine over the chosen connections (by default every enabled one with a CS pipeline) and prints the reports.</summary>
    private static async Task<int> RunAsync<TReport>(
        CliContext context,
        IServiceProvider services,
        string? only,
        Func<string, Task<(TReport Report, bool Failed)>> run,
        Func<IReadOnlyList<TReport>, ICrmStore, Task> write)
    {
        var resolver = services.GetRequiredService<CrmAdapterResolver>();
        if (only is not null && resolver.Connections.All(c => !string.Equals(c.Name, only, StringComparison.OrdinalIgnoreCase)))
        {
            return CliHost.Fail(context, $"--connection {only}: no enabled connection has that name. Configured: {string.Join(", ", resolver.Connections.Select(c => c.Name))}.");
        }

        var names = only is not null
            ? [resolver.Connections.First(c => string.Equals(c.Name, only, StringComparison.OrdinalIgnoreCase)).Name]
            : resolver.Connections.Where(c => !string.IsNullOrWhiteSpace(c.Pipelines.ClientSuccess)).Select(c => c.Name).ToList();
        if (names.Count == 0)
        {
            return CliHost.Fail(context, "No enabled connection has a Client Success pipeline: set CrmBridge:Connections:<name>:Pipelines:ClientSuccess (see docs/client-success.md).");
        }

        var reports = new List<TReport>();
        var failed = false;
        foreach (var name in names)
        {
            var (report, reportFailed) = await run(name);
            reports.Add(report);
            failed |= reportFailed;
        }

        await write(reports, services.GetRequiredService<ICrmStore>());
        return failed ? ExitCodes.Error : ExitCodes.Success;
    }
}
