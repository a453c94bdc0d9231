using System.Globalization;
using System.Text.Json;
using CrmBridge.Core.ClientSuccess;
using CrmBridge.Core.Storage;
using CrmBridge.Worker.Cli;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>Prints Client Success carry-over and advance reports: tables for people, JSON for scripts.</summary>
internal static class ClientSuccessReport
{
    public static async Task WriteCarryOverAsync(CliContext context, ICrmStore store, IReadOnlyList<CsCarryOverReport> reports, OutputFormat format, CancellationToken cancellationToken)
    {
        if (format == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new { connections = reports }, ReportJson.Options));
            return;
        }

        foreach (var report in reports)
        {
            if (report.Problem is not null)
            {
                context.Error.WriteLine($"{report.Connection}: {report.Problem}");
                continue;
            }

            var names = await ConnectionNames.LoadAsync(store, report.Connection, cancellationToken);
            var verb = report.DryRun ? "would be created" : "created";
            var title = $"{TerminalText.Escape(report.Connection)}: won deals carried into Client Success{(report.DryRun ? " (dry run: nothing written)" : "")}";
            var table = new Table().Title(title).AddColumns("Won deal", "Amount", "CS owner", "Signed", "Cadence", "Copy", "Outcome");
            foreach (var item in report.Items)
            {
                table.AddRow(
                    TerminalText.Escape($"{item.Name} ({item.OriginalId})"),
                    item.Amount is { } amount ? $"{amount.ToString("N0", CultureInfo.InvariantCulture)} {item.Currency}".TrimEnd() : "",
                    TerminalText.Escape(names.Owner(item.OwnerId) ?? "(none)"),
                    item.SignedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    item.Cadence.ToString(),
                    TerminalText.Escape(item.CopyId ?? ""),
                    TerminalText.Escape(item.Message is null ? item.Outcome.ToString() : $"{item.Outcome}: {item.Message}"));
            }

            if (report.Items.Count > 0)
            {
                context.Console.Write(table);
            }

            var created = report.Count(CsCarryOverOutcome.Created) + report.Count(CsCarryOverOutcome.WouldCreate);
            context.Console.MarkupLine(TerminalText.Escape(
                $"{report.Connection}: {report.WonDeals} won deals; {created} copies {verb}, {report.Count(CsCarryOverOutcome.Reconciled)} reconciled, " +
                $"{report.AlreadyCarried} carried earlier, {report.Count(CsCarryOverOutcome.InProgressElsewhere)} in progress elsewhere, " +
                $"{report.Count(CsCarryOverOutcome.Rejected)} rejected, {report.Count(CsCarryOverOutcome.Failed)} failed."));
        }
    }

    public static async Task WriteAdvanceAsync(CliContext context, ICrmStore store, IReadOnlyList<CsAdvanceReport> reports, OutputFormat format, CancellationToken cancellationToken)
    {
        if (format == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new { connections = reports }, ReportJson.Options));
            return;
        }

        foreach (var report in reports)
        {
            if (report.Problem is not null)
            {
                context.Error.WriteLine($"{report.Connection}: {report.Problem}");
                continue;
            }

            var names = await ConnectionNames.LoadAsync(store, report.Connection, cancellationToken);
            var pipelines = await store.GetPipelinesAsync(report.Connection, cancellationToken);
            string Stage(string? id) => id is null ? "" : pipelines.SelectMany(p => p.Stages).FirstOrDefault(s => s.ExternalId == id)?.Name ?? id;
            var title = $"{TerminalText.Escape(report.Connection)}: Client Success calendar{(report.DryRun ? " (dry run: nothing written)" : "")}";
            var table = new Table().Title(title).AddColumns("CS deal", "Cadence", "Renewals", "Period", "Stage", "Outcome", "Tasks this period");
            foreach (var item in report.Items)
            {
                var stage = item.Outcome == CsAdvanceOutcome.Moved && item.FromStageId != item.StageId ? $"{Stage(item.FromStageId)} -> {Stage(item.StageId)}" : Stage(item.StageId);
                var tasks = TerminalText.Lines(item.Tasks.Select(t => $"{t.Subject} (due {t.DueAt:yyyy-MM-dd}): {t.Outcome}"));
                table.AddRow(
                    TerminalText.Escape($"{item.Name} ({item.CopyId})"),
                    item.Cadence.ToString(),
                    item.Cycle.ToString(CultureInfo.InvariantCulture),
                    $"{item.Period} from {item.PeriodStart:yyyy-MM-dd}",
                    TerminalText.Escape(stage),
                    TerminalText.Escape(item.Message is null ? item.Outcome.ToString() : $"{item.Outcome}: {item.Message}"),
                    tasks);
            }

            if (report.Items.Count > 0)
            {
                context.Console.Write(table);
            }

            var taskVerb = report.DryRun ? "would be created" : "created";
            context.Console.MarkupLine(TerminalText.Escape(
                $"{report.Connection}: {report.Items.Count} CS deals; {report.Count(CsAdvanceOutcome.Moved)} moved, {report.Count(CsAdvanceOutcome.Unchanged)} in place, " +
                $"{report.Count(CsAdvanceOutcome.Skipped)} skipped, {report.Count(CsAdvanceOutcome.Failed)} failed; " +
                $"{report.CountTasks(CsTaskOutcome.Created) + report.CountTasks(CsTaskOutcome.WouldCreate)} tasks {taskVerb}, {report.CountTasks(CsTaskOutcome.AlreadyCreated)} created earlier."));
        }
    }
}
