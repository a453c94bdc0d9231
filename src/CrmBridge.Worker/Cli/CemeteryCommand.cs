using System.CommandLine;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Errors;
using CrmBridge.Worker.Output;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Worker.Cli;

/// <summary>
/// <c>crmbridge cemetery [--connection NAME] [--format table|json|csv] [--notify]</c>: stale deals and per-pipeline
/// figures from the local store; with <c>--notify</c>, sends the due digests now (as the recurring job does).
/// Exit code 1 when stale deals were found, 2 on a failure (including an alert that could not be delivered yet).
/// </summary>
internal static class CemeteryCommand
{
    public static Command Create(CliContext context)
    {
        var connection = CliOptions.Connection();
        var format = CliOptions.Format(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var notify = new Option<bool>("--notify") { Description = "Send the digests to owners and managers now, on every enabled channel." };
        var command = new Command("cemetery", "Find stale deals (the deal cemetery) in the local store; --notify sends the digests.") { connection, format, notify };
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            (services, token) => RunAsync(context, services, parse.GetValue(connection), parse.GetValue(format), parse.GetValue(notify), token),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IServiceProvider services, string? only, OutputFormat format, bool notify, CancellationToken cancellationToken)
    {
        var resolver = services.GetRequiredService<CrmAdapterResolver>();
        var configured = resolver.Connections.Select(c => c.Name).ToList();
        if (configured.Count == 0)
        {
            return CliHost.Fail(context, "No connections are configured: add one under CrmBridge:Connections (see README), or try `crmbridge demo`.");
        }

        if (only is not null && !configured.Contains(only, StringComparer.OrdinalIgnoreCase))
        {
            return CliHost.Fail(context, $"--connection {only}: no enabled connection has that name. Configured: {string.Join(", ", configured)}.");
        }

        var names = only is not null ? [configured.First(c => string.Equals(c, only, StringComparison.OrdinalIgnoreCase))] : configured;
        var scanner = services.GetRequiredService<CemeteryScanner>();
        var alerter = services.GetRequiredService<CemeteryAlerter>();
        var reports = new List<CemeteryConnectionReport>();
        var failures = new List<(string Connection, string Error)>();
        foreach (var name in names)
        {
            try
            {
                if (notify)
                {
                    var run = await alerter.RunAsync(name, cancellationToken);
                    reports.Add(new CemeteryConnectionReport(run.Scan, run));
                }
                else
                {
                    reports.Add(new CemeteryConnectionReport(await scanner.ScanAsync(name, cancellationToken), null));
                }
            }
            catch (CrmException ex)
            {
                failures.Add((name, ex.Message));
            }
        }

        CemeteryReport.Write(context, reports, failures, format);
        if (failures.Count > 0 || reports.Any(r => r.Run?.Delivery.Failures.Count > 0))
        {
            return ExitCodes.Error;
        }

        return reports.Any(r => r.Scan.StaleDeals.Count > 0) ? ExitCodes.Findings : ExitCodes.Success;
    }
}
