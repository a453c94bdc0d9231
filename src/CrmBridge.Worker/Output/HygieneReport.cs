using System.Globalization;
using System.Text.Json;
using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Hygiene.Fixes;
using CrmBridge.Worker.Cli;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>
/// Prints hygiene sweeps: per connection the counts by rule and by owner, field health, fixes and tasks, then the
/// open findings. Tables for people (findings capped, the rest via csv or json), streamed JSON or CSV for scripts.
/// </summary>
internal static class HygieneReport
{
    public const int TableFindings = 200;

    private static readonly string[] CsvHeaders =
    [
        "connection", "deal_id", "rule", "check", "severity", "subject", "subject_id", "field", "owner_id", "owner", "pipeline",
        "detail", "fix", "first_seen_at",
    ];

    public static async Task WriteAsync(
        CliContext context,
        IReadOnlyList<HygieneConnectionReport> reports,
        IReadOnlyList<(string Connection, string Error)> failures,
        IHygieneStore store,
        OutputFormat format,
        CancellationToken cancellationToken)
    {
        switch (format)
        {
            case OutputFormat.Json:
                await WriteJsonAsync(context.Out, reports, failures, store, cancellationToken);
                break;
            case OutputFormat.Csv:
                foreach (var report in reports)
                {
                    WriteSummary(context, report);
                }

                await WriteCsvAsync(context.Out, reports, store, cancellationToken);
                break;
            default:
                foreach (var report in reports)
                {
                    WriteSummary(context, report);
                    WriteFieldHealth(context, report.Run.Sweep.Sweep.FieldHealth);
                    WriteFixes(context, report.Run);
                    await WriteFindingsTableAsync(context, report, store, cancellationToken);
                }

                break;
        }

        foreach (var (connection, error) in failures)
        {
            context.Error.WriteLine($"{connection}: hygiene sweep failed: {error}");
        }
    }

    /// <summary>The one-line verdict and the counts by rule and by owner.</summary>
    public static void WriteSummary(CliContext context, HygieneConnectionReport report)
    {
        var sweep = report.Run.Sweep.Sweep;
        context.Console.MarkupLine(
            $"[bold]Hygiene[/] of {TerminalText.Escape(sweep.Connection)}: {N(sweep.DealsSwept)} deals checked, [bold]{N(sweep.Findings)}[/] findings " +
            $"({N(sweep.Opened)} new, {N(sweep.Resolved)} resolved since the last sweep), {N(sweep.DealsSkipped)} skipped, " +
            $"{(sweep.CompletedAt - sweep.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
        foreach (var skipped in report.Run.Sweep.Skipped.Take(5))
        {
            context.Console.MarkupLine($"  [yellow]skipped[/] {TerminalText.Escape(skipped.DealId ?? "(row)")}: {TerminalText.Escape(skipped.Reason)}");
        }

        foreach (var warning in report.Run.Sweep.Warnings)
        {
            context.Console.MarkupLine($"  [yellow]warning[/] {TerminalText.Escape(warning)}");
        }

        if (sweep.Findings == 0)
        {
            return;
        }

        var rules = new Table().Title("Findings by rule").AddColumns("Rule", "Findings");
        foreach (var (rule, count) in report.Run.Sweep.ByRule.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            rules.AddRow(TerminalText.Escape(rule), N(count));
        }

        var owners = new Table().Title("Findings by owner").AddColumns("Owner", "Findings");
        foreach (var (owner, count) in report.OwnerCounts())
        {
            owners.AddRow(TerminalText.Escape(owner), N(count));
        }

        context.Console.Write(new Columns(rules, owners) { Expand = false });
    }

    private static void WriteFieldHealth(CliContext context, IReadOnlyList<HygieneFieldHealth> health)
    {
        if (health.Count == 0)
        {
            return;
        }

        var table = new Table().Title("Field health").AddColumns("Field", "Filled", "Fill rate", "Verdict", "Shapes (count)");
        foreach (var field in health)
        {
            var verdict = string.Join(", ", new[] { field.IsLongTail ? "long tail" : null, field.IsZoo ? "zoo of data types" : null }.OfType<string>());
            var shapes = string.Join("; ", field.Shapes.Take(5).Select(s => $"{s.Shape} ({N(s.Count)}, e.g. {s.Example})"));
            table.AddRow(
                TerminalText.Escape(field.Field),
                $"{N(field.Filled)} / {N(field.Records)}",
                field.FillRate.ToString("P0", CultureInfo.InvariantCulture),
                verdict.Length == 0 ? "ok" : $"[yellow]{verdict}[/]",
                TerminalText.Escape(shapes));
        }

        context.Console.Write(table);
    }

    private static void WriteFixes(CliContext context, HygieneRunResult run)
    {
        if (run.FixMode != HygieneFixMode.Off)
        {
            var verb = run.FixMode == HygieneFixMode.DryRun ? "would change (dry run, nothing sent)" : "changes";
            context.Console.MarkupLine($"Fix mode {run.FixMode}: {run.Fixes.Count} deals it {verb}.");
            if (run.Fixes.Count > 0)
            {
                var table = new Table().Title("Fixes").AddColumns("Deal", "Change", "Outcome", "Audit id");
                foreach (var fix in run.Fixes)
                {
                    table.AddRow(
                        TerminalText.Escape(fix.DealId),
                        TerminalText.Lines(fix.Changes.Select(c => $"{c.Field}: '{c.Before}' -> '{c.After}'")),
                        TerminalText.Escape(fix.Error is null ? fix.Outcome?.ToString() ?? "planned" : $"{fix.Outcome}: {fix.Error}"),
                        fix.AuditId?.ToString(CultureInfo.InvariantCulture) ?? "");
                }

                context.Console.Write(table);
                if (run.FixMode == HygieneFixMode.Apply)
                {
                    context.Console.MarkupLine("Undo with [bold]crmbridge undo AUDIT_ID[/] or [bold]crmbridge undo --since TIME[/].");
                }
            }
        }

        if (run.TasksRequested)
        {
            var created = run.Tasks.Count(t => !t.AlreadyDone && t.Error is null);
            var existing = run.Tasks.Count(t => t.AlreadyDone);
            var failed = run.Tasks.Count(t => t.Error is not null);
            context.Console.MarkupLine($"Owner tasks: {created} {(run.FixMode == HygieneFixMode.DryRun ? "would be created" : "created")}, {existing} already open from earlier sweeps, {failed} failed.");
        }
    }

    private static async Task WriteFindingsTableAsync(CliContext context, HygieneConnectionReport report, IHygieneStore store, CancellationToken cancellationToken)
    {
        if (report.Run.Sweep.Sweep.Findings == 0)
        {
            context.Console.MarkupLine("[green]No findings: the pipeline is clean.[/]");
            return;
        }

        var table = new Table().Title("Open findings").AddColumns("Deal", "Rule", "Severity", "Record", "Owner", "Detail", "First seen");
        var shown = 0;
        await foreach (var finding in store.StreamFindingsAsync(new HygieneFindingQuery(report.Connection, Limit: TableFindings), cancellationToken))
        {
            table.AddRow(
                TerminalText.Escape(finding.DealId),
                TerminalText.Escape($"{finding.Rule}/{finding.Check}"),
                finding.Severity.ToString(),
                TerminalText.Escape(finding.Subject == HygieneSubjects.Deal ? finding.Field ?? "deal" : $"{finding.Subject} {finding.SubjectId} {finding.Field}"),
                TerminalText.Escape(report.OwnerName(finding.OwnerId)),
                TerminalText.Escape(finding.Detail),
                finding.FirstSeenAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            shown++;
        }

        context.Console.Write(table);
        var total = report.Run.Sweep.Sweep.Findings;
        if (total > shown)
        {
            context.Console.MarkupLine($"[grey]{N(shown)} of {N(total)} findings shown; --format csv or json lists them all.[/]");
        }
    }

    private static async Task WriteJsonAsync(TextWriter output, IReadOnlyList<HygieneConnectionReport> reports, IReadOnlyList<(string Connection, string Error)> failures, IHygieneStore store, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("{\"connections\": [");
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            var run = report.Run;
            var summary = new
            {
                connection = report.Connection,
                sweep = run.Sweep.Sweep,
                byRule = run.Sweep.ByRule,
                byOwner = report.OwnerCounts().Select(o => new { owner = o.Owner, findings = o.Count }),
                skipped = run.Sweep.Skipped,
                warnings = run.Sweep.Warnings,
                fixMode = run.FixMode,
                fixes = run.Fixes,
                tasks = run.TasksRequested ? run.Tasks : null,
            };
            var head = JsonSerializer.Serialize(summary, ReportJson.CompactOptions);
            await output.WriteAsync(head[..^1] + ",\"findings\":[");
            var count = 0;
            await foreach (var finding in store.StreamFindingsAsync(new HygieneFindingQuery(report.Connection), cancellationToken))
            {
                await output.WriteAsync((count++ == 0 ? "\n  " : ",\n  ") + JsonSerializer.Serialize(finding, ReportJson.CompactOptions));
            }

            await output.WriteLineAsync(i == reports.Count - 1 ? "]}" : "]},");
        }

        var errors = JsonSerializer.Serialize(failures.Select(f => new { connection = f.Connection, error = f.Error }), ReportJson.CompactOptions);
        await output.WriteLineAsync($"], \"failures\": {errors}}}");
    }

    private static async Task WriteCsvAsync(TextWriter output, IReadOnlyList<HygieneConnectionReport> reports, IHygieneStore store, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(string.Join(',', CsvHeaders));
        foreach (var report in reports)
        {
            await foreach (var f in store.StreamFindingsAsync(new HygieneFindingQuery(report.Connection), cancellationToken))
            {
                string?[] fields =
                [
                    f.Connection, f.DealId, f.Rule, f.Check, f.Severity.ToString(), f.Subject, f.SubjectId, f.Field, f.OwnerId,
                    report.OwnerName(f.OwnerId), f.PipelineId, f.Detail, f.FixValue, f.FirstSeenAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ];
                await output.WriteLineAsync(string.Join(',', fields.Select(DealExport.Csv)));
            }
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
