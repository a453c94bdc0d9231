using System.Globalization;
using System.Text.Json;
using CrmBridge.Core.Funnel;

namespace CrmBridge.Worker.Output;

/// <summary>Funnel reports for scripts: JSON (every figure) or CSV (one row per figure, long format for pivot tables).</summary>
internal static class FunnelExport
{
    public static readonly string[] CsvHeaders =
    [
        "connection", "pipeline", "cohort", "section", "item", "deals", "skipped", "rate", "hint", "median_days", "p90_days", "detail",
    ];

    public static void WriteJson(TextWriter output, IReadOnlyList<FunnelReport> reports) =>
        output.WriteLine(JsonSerializer.Serialize(reports, ReportJson.Options));

    public static void WriteCsv(TextWriter output, IReadOnlyList<FunnelReport> reports)
    {
        output.WriteLine(string.Join(',', CsvHeaders));
        foreach (var report in reports)
        {
            foreach (var pipeline in report.Pipelines)
            {
                void Row(string? cohort, string section, string? item, long deals, long? skipped, double? rate, FunnelHint? hint, DurationFigures? time, string? detail) =>
                    output.WriteLine(string.Join(',', new[]
                    {
                        report.Connection, pipeline.Name, cohort, section, item, deals.ToString(CultureInfo.InvariantCulture),
                        skipped?.ToString(CultureInfo.InvariantCulture), rate?.ToString("0.####", CultureInfo.InvariantCulture),
                        hint is null or FunnelHint.None ? null : hint.ToString()!.ToLowerInvariant(),
                        time?.MedianDays.ToString("0.##", CultureInfo.InvariantCulture), time?.P90Days.ToString("0.##", CultureInfo.InvariantCulture), detail,
                    }.Select(DealExport.Csv)));

                foreach (var (cohort, figures) in new[] { ((string?)null, pipeline.Overall) }.Concat(pipeline.Cohorts.Select(c => ((string?)c.Cohort, c.Figures))))
                {
                    foreach (var stage in figures.Stages)
                    {
                        Row(cohort, "stage", stage.Name, stage.Reached, stage.Skipped, stage.ConversionToNext, stage.Hint, stage.TimeInStage, null);
                    }

                    var o = figures.Outcome;
                    Row(cohort, "outcome", "all", o.Deals, null, o.WinRate, null, o.SalesCycle, $"open={o.Open} won={o.Won} lost={o.Lost}");
                    foreach (var reason in figures.Lost.ByReason)
                    {
                        Row(cohort, "lost_reason", reason.Reason ?? "", reason.Deals, null, reason.Share, null, null, reason.Reason is null ? "no reason" : reason.Listed ? "listed" : "not in the list");
                    }

                    foreach (var stage in figures.Lost.ByStage)
                    {
                        Row(cohort, "lost_from", stage.Name, stage.Deals, null, stage.Share, null, null, null);
                    }
                }

                foreach (var owner in pipeline.Owners)
                {
                    var o = owner.Outcome;
                    Row(null, "owner", owner.Name, o.Deals, null, o.WinRate, null, o.SalesCycle, $"open={o.Open} won={o.Won} lost={o.Lost} average={FunnelFormat.Money(o.AverageDealSize)}");
                }

                foreach (var candidate in pipeline.Reactivation)
                {
                    Row(null, "reactivation", candidate.DealName, 1, null, null, null, null, $"{candidate.OwnerName}; {candidate.LostReason}; {FunnelFormat.Date(candidate.LostAt)}");
                }
            }
        }
    }
}
