using System.CommandLine;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Storage;
using CrmBridge.Worker.Output;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Worker.Cli;

/// <summary>
/// <c>crmbridge hygiene [--connection NAME] [--format table|json|csv] [--fix] [--dry-run] [--tasks]</c>: sweeps the
/// mirror with the hygiene rules. Exit code 0 when clean, 1 when findings are open, 2 on an error.
/// </summary>
internal static class HygieneCommand
{
    public const string Actor = "cli:hygiene";

    public static Command Create(CliContext context)
    {
        var connection = CliOptions.Connection();
        var format = CliOptions.Format(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var fix = new Option<bool>("--fix") { Description = "Rename deals to the naming convention and normalise unambiguous formats, through the audited writer." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Plan the fixes (and tasks) and record them in the audit log as dry runs; nothing is sent." };
        var tasks = new Option<bool>("--tasks") { Description = "Create one CRM task for the deal's owner per open finding that cannot be fixed (never a second one)." };
        var command = new Command("hygiene", "Check the deals in the local store against the hygiene rules; optionally fix and create owner tasks.")
        {
            connection, format, fix, dryRun, tasks,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            (services, token) => RunAsync(
                context,
                services,
                parse.GetValue(connection),
                parse.GetValue(format),
                parse.GetValue(dryRun) ? HygieneFixMode.DryRun : parse.GetValue(fix) ? HygieneFixMode.Apply : null,
                parse.GetValue(tasks) ? true : null,
                token),
            ct));
        return command;
    }

    /// <summary>Sweeps the chosen connections; a failing connection is reported and the others still run.</summary>
    internal static async Task<int> RunAsync(
        CliContext context,
        IServiceProvider services,
        string? only,
        OutputFormat format,
        HygieneFixMode? fixMode,
        bool? createTasks,
        CancellationToken cancellationToken)
    {
        var resolver = services.GetRequiredService<CrmAdapterResolver>();
        var engine = services.GetRequiredService<HygieneEngine>();
        var configured = resolver.Connections.Select(c => c.Name).ToList();
        if (only is not null && !configured.Contains(only, StringComparer.OrdinalIgnoreCase))
        {
            return CliHost.Fail(context, $"--connection {only}: no enabled connection has that name. Configured: {string.Join(", ", configured)}.");
        }

        var names = engine.SweptConnections(only is not null ? [configured.First(c => string.Equals(c, only, StringComparison.OrdinalIgnoreCase))] : configured);
        if (names.Count == 0)
        {
            return CliHost.Fail(context, "No connections to sweep: add one under CrmBridge:Connections (see README), or try `crmbridge demo`.");
        }

        var store = services.GetRequiredService<ICrmStore>();
        var reports = new List<HygieneConnectionReport>();
        var failures = new List<(string Connection, string Error)>();
        foreach (var name in names)
        {
            try
            {
                var run = await engine.RunAsync(name, new HygieneRunRequest(Actor, fixMode, createTasks), cancellationToken);
                reports.Add(new HygieneConnectionReport(name, run, await ConnectionNames.LoadAsync(store, name, cancellationToken)));
            }
            catch (Exception ex) when (ex is CrmException or InvalidOperationException or System.Data.Common.DbException or IOException)
            {
                failures.Add((name, ex.Message));
            }
        }

        await HygieneReport.WriteAsync(context, reports, failures, services.GetRequiredService<IHygieneStore>(), format, cancellationToken);
        if (failures.Count > 0 || reports.Any(r => r.Run.Fixes.Any(f => f.Error is not null)))
        {
            return ExitCodes.Error;
        }

        return reports.Any(r => r.Run.Sweep.Sweep.Findings > 0) ? ExitCodes.Findings : ExitCodes.Success;
    }
}
