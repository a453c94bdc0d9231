using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmBridge.Core.Hygiene.Fixes;
using CrmBridge.Worker.Output;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CrmBridge.Worker.Cli;

/// <summary>
/// <c>crmbridge undo AUDIT_ID</c> or <c>crmbridge undo --since TIME [--connection NAME]</c>: puts back the values audited
/// deal updates changed, through the audited writer. Exit code 0 when done (or nothing to undo), 2 when a write failed.
/// </summary>
internal static class UndoCommand
{
    public static Command Create(CliContext context)
    {
        var auditId = new Argument<long?>("AUDIT_ID") { Description = "The audit entry of the deal update to undo.", Arity = ArgumentArity.ZeroOrOne };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Undo every deal update since this time (ISO 8601, e.g. 2026-03-01T10:00:00Z), newest first." };
        var connection = CliOptions.Connection();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show and audit what would be put back without sending it." };
        var format = CliOptions.Format(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("undo", "Put back the values of audited deal updates (hygiene fixes and other writes).") { auditId, since, connection, dryRun, format };
        command.Validators.Add(result =>
        {
            if (result.GetValue(auditId) is null == result.GetValue(since) is null)
            {
                result.AddError("Give either AUDIT_ID or --since TIME.");
            }
        });
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            async (services, token) =>
            {
                var undo = services.GetRequiredService<DealUndo>();
                IReadOnlyList<DealUndoResult> results = parse.GetValue(auditId) is { } id
                    ? [await undo.UndoAsync(id, parse.GetValue(dryRun), token)]
                    : await undo.UndoSinceAsync(parse.GetValue(since)!.Value, parse.GetValue(connection), parse.GetValue(dryRun), token);
                Write(context, results, parse.GetValue(format));
                return results.Any(r => r.Outcome == Core.Writes.AuditOutcome.Failed) ? ExitCodes.Error : ExitCodes.Success;
            },
            ct));
        return command;
    }

    private static void Write(CliContext context, IReadOnlyList<DealUndoResult> results, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new { undone = results }, ReportJson.Options));
            return;
        }

        if (results.Count == 0)
        {
            context.Console.MarkupLine("Nothing to undo.");
            return;
        }

        var table = new Table().Title("Undo").AddColumns("Audit id", "Connection", "Deal", "Put back", "Outcome", "Undo audit id");
        foreach (var r in results)
        {
            table.AddRow(
                r.AuditId.ToString(CultureInfo.InvariantCulture),
                TerminalText.Escape(r.Connection),
                TerminalText.Escape(r.DealId ?? ""),
                TerminalText.Lines(r.Changes.Select(c => $"{c.Field}: '{c.Before}' -> '{c.After}'")),
                TerminalText.Escape(r.Skipped is not null ? $"skipped: {r.Skipped}" : r.Outcome?.ToString() ?? ""),
                r.UndoAuditId?.ToString(CultureInfo.InvariantCulture) ?? "");
        }

        context.Console.Write(table);
    }
}
