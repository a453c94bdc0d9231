using System.Globalization;
using System.Text.Json;
using CrmBridge.Core.Sync;
using CrmBridge.Worker.Cli;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>Prints sync summaries: a table for people, JSON for scripts.</summary>
internal static class SyncSummaryReport
{
    public static void Write(CliContext context, IReadOnlyList<SyncSummary> summaries, IReadOnlyList<(string Connection, string Error)> failures, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            var document = new
            {
                connections = summaries,
                failures = failures.Select(f => new { connection = f.Connection, error = f.Error }),
            };
            context.Out.WriteLine(JsonSerializer.Serialize(document, ReportJson.Options));
            return;
        }

        // One column per sync, one row per figure: fits a narrow terminal however many figures there are.
        var table = new Table().Title("Sync summary").AddColumn("");
        foreach (var s in summaries)
        {
            table.AddColumn(new TableColumn($"{TerminalText.Escape(s.Connection)} ({s.Kind}, {(s.Full ? "full" : "incremental")})").RightAligned());
        }

        AddRow(table, "Deals fetched", summaries, s => N(s.DealsFetched));
        AddRow(table, "New", summaries, s => N(s.New));
        AddRow(table, "Changed", summaries, s => N(s.Changed));
        AddRow(table, "Removed", summaries, s => N(s.Removed));
        AddRow(table, "Stage changes recorded", summaries, s => N(s.StageTransitions));
        AddRow(table, "Companies / contacts fetched", summaries, s => $"{N(s.CompaniesFetched)} / {N(s.ContactsFetched)}");
        AddRow(table, "Records skipped", summaries, s => N(s.Skipped));
        AddRow(table, "HTTP requests (rate limited)", summaries, s => $"{N(s.Requests)} ({N(s.RateLimited)})");
        AddRow(table, "Time", summaries, s => $"{s.Elapsed.TotalSeconds:0.0} s");
        context.Console.Write(table);
        foreach (var (connection, error) in failures)
        {
            context.Error.WriteLine($"{connection}: sync failed: {error}");
        }
    }

    private static void AddRow(Table table, string figure, IReadOnlyList<SyncSummary> summaries, Func<SyncSummary, string> value) =>
        table.AddRow([figure, .. summaries.Select(value)]);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
