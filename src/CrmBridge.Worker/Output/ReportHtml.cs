using System.Globalization;
using System.Net;
using System.Text;
using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using static CrmBridge.Worker.Output.FunnelFormat;

namespace CrmBridge.Worker.Output;

/// <summary>Writes the report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched from anywhere.</summary>
internal static class ReportHtml
{
    private const string Css = """
        :root { --ink:#1d2430; --muted:#6b7380; --line:#e3e6eb; --accent:#4a6fe3; --won:#2f9e5f; --warn:#c98a00; --bad:#d63b3b; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f6f7f9; }
        header { background: #1d2430; color: #fff; padding: 20px 32px; }
        header h1 { margin: 0 0 4px; font-size: 22px; }
        header p { margin: 0; color: #c5cad3; }
        main { padding: 8px 32px 40px; max-width: 1216px; }
        section.connection { margin-top: 24px; }
        h2 { font-size: 20px; margin: 24px 0 8px; }
        h3 { font-size: 16px; margin: 22px 0 8px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 12px 0; }
        .kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 4px; }
        .kpi { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; }
        .kpi b { display: block; font-size: 20px; }
        .kpi span { color: var(--muted); font-size: 12px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .bar { background: #edf0f5; border-radius: 3px; height: 10px; width: 160px; display: inline-block; vertical-align: middle; }
        .bar i { display: block; height: 10px; border-radius: 3px; background: var(--accent); }
        .tag { display: inline-block; padding: 0 8px; border-radius: 9px; font-size: 12px; color: #fff; }
        .tag.merge { background: var(--warn); } .tag.split { background: var(--bad); } .tag.unlisted { background: #8a6d3b; }
        .muted { color: var(--muted); }
        svg.funnel { max-width: 100%; height: auto; }
        svg.funnel .label { font-size: 13px; fill: #1d2430; }
        svg.funnel .count { font-size: 12px; fill: #1d2430; font-weight: 600; }
        svg.funnel .count.in { fill: #fff; }
        svg.funnel .conv { font-size: 12px; fill: #6b7380; }
        svg.funnel .hint { font-size: 12px; fill: #fff; font-weight: 600; }
        .two { display: grid; grid-template-columns: 3fr 2fr; gap: 16px; }
        .scroll { overflow-x: auto; }
        .scroll td, .scroll th { white-space: nowrap; }
        .tag.small { padding: 0 5px; font-size: 11px; }
        @media (max-width: 900px) { .two { grid-template-columns: 1fr; } }
        """;

    /// <summary>HTML-encodes text for element content and attribute values.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A table with a header row; cells are HTML already (encode text with <see cref="E"/>); headers ending in '#' are right-aligned numbers.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var header in headers)
        {
            var numeric = header.EndsWith('#');
            html.Append(numeric ? "<th class=\"n\">" : "<th>").Append(E(numeric ? header[..^1] : header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i < headers.Count && headers[i].EndsWith('#') ? "<td class=\"n\">" : "<td>").Append(row[i]).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>A small horizontal bar for a share from 0 to 1.</summary>
    public static string Bar(double share) =>
        string.Create(CultureInfo.InvariantCulture, $"<span class=\"bar\"><i style=\"width:{Math.Clamp(share, 0, 1) * 100:0.#}%\"></i></span>");

    public static async Task WriteAsync(
        TextWriter output,
        IReadOnlyList<FunnelReport> reports,
        IReadOnlyList<IReportSection> sections,
        IServiceProvider services,
        DateTimeOffset generatedAt,
        CancellationToken cancellationToken)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>CrmBridge report</title><style>")
            .Append(Css).Append("</style></head><body><header><h1>CrmBridge report</h1><p>")
            .Append(E($"{string.Join(", ", reports.Select(r => r.Connection))} · {(reports.Count > 0 ? Period(reports[0]) : "no connections")} · generated {generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"))
            .Append("</p></header><main>");
        foreach (var report in reports)
        {
            html.Append("<section class=\"connection\"><h2>").Append(E(report.Connection)).Append("</h2>");
            if (report.Pipelines.Count == 0)
            {
                html.Append("<p class=\"muted\">No pipelines in the store for this connection.</p>");
            }

            foreach (var pipeline in report.Pipelines)
            {
                AppendPipeline(html, pipeline);
            }

            foreach (var section in sections.OrderBy(s => s.Order))
            {
                if (await section.RenderAsync(services, report.Connection, cancellationToken) is { } fragment)
                {
                    html.Append(fragment);
                }
            }

            html.Append("</section>");
        }

        html.Append("<p class=\"muted\">Reached counts every deal that passed through a stage, including deals that jumped over it (a deal seen at a stage reached all earlier stages; a won deal reached them all). See docs/funnel.md.</p>");
        html.Append("</main></body></html>");
        await output.WriteAsync(html.ToString().AsMemory(), cancellationToken);
    }

    private static void AppendPipeline(StringBuilder html, PipelineFunnel pipeline)
    {
        var overall = pipeline.Overall;
        var outcome = overall.Outcome;
        html.Append("<h3>Funnel: ").Append(E(pipeline.Name)).Append("</h3><div class=\"kpis\">");
        Kpi(html, Count(outcome.Deals), "deals");
        Kpi(html, outcome.WinRate is null ? "n/a" : Percent(outcome.WinRate), "win rate (won / closed)");
        Kpi(html, outcome.AverageDealSize.Count == 0 ? "n/a" : Money(outcome.AverageDealSize), "average won deal");
        Kpi(html, outcome.SalesCycle is { } cycle ? Days(cycle.MedianDays) + " d" : "n/a", "median sales cycle");
        Kpi(html, Count(overall.Lost.Deals), "lost deals");
        html.Append("</div>");
        if (overall.Deals == 0)
        {
            html.Append("<div class=\"card muted\">No deals in this pipeline for the period.</div>");
            return;
        }

        html.Append("<div class=\"card\">").Append(ReportFunnelChart.Svg(overall.Stages)).Append("</div>");
        html.Append("<div class=\"card\">").Append(Table(
            ["Stage", "Reached#", "Skipped#", "In stage now#", "Conversion#", "Hint", "Median days#", "P90 days#"],
            overall.Stages.Select(s => (IReadOnlyList<string>)
            [
                E(s.Name), Count(s.Reached), s.Outcome == StageOutcome.Won ? "" : Count(s.Skipped), s.Outcome == StageOutcome.Won ? "" : Count(s.InStageNow),
                Percent(s.ConversionToNext), HintTag(s.Hint),
                Days(s.TimeInStage?.MedianDays ?? s.CurrentAge?.MedianDays) + (s.TimeInStage is null && s.CurrentAge is not null ? "*" : ""),
                Days(s.TimeInStage?.P90Days ?? s.CurrentAge?.P90Days) + (s.TimeInStage is null && s.CurrentAge is not null ? "*" : ""),
            ])))
            .Append("<p class=\"muted\">Days: time deals spent in the stage before moving on; * where no deal has left the stage yet, the age of the deals in it now.</p></div>");

        AppendLosses(html, overall.Lost);
        AppendCohorts(html, pipeline);
        html.Append("<div class=\"card\"><h3>Per owner</h3>").Append(Table(
            ["Owner", "Deals#", "Open#", "Won#", "Lost#", "Win rate#", "Average won deal#", "Median cycle days#"],
            pipeline.Owners.Select(o => (IReadOnlyList<string>)
            [
                E(o.Name), Count(o.Outcome.Deals), Count(o.Outcome.Open), Count(o.Outcome.Won), Count(o.Outcome.Lost),
                Percent(o.Outcome.WinRate), E(Money(o.Outcome.AverageDealSize)), Days(o.Outcome.SalesCycle?.MedianDays),
            ]))).Append("</div>");
        AppendReactivation(html, pipeline.Reactivation);
    }

    private static void AppendLosses(StringBuilder html, LostDealsFigures lost)
    {
        if (lost.Deals == 0)
        {
            return;
        }

        html.Append("<div class=\"two\"><div class=\"card\"><h3>Lost reasons</h3>").Append(Table(
            ["Reason", "Deals#", "Share#", ""],
            lost.ByReason.Select(r => (IReadOnlyList<string>)
            [
                r.Reason is null ? "<span class=\"muted\">(no reason given)</span>" : E(r.Reason) + (r.Listed ? "" : " <span class=\"tag unlisted\">not in the list</span>"),
                Count(r.Deals), Percent(r.Share), Bar(r.Share),
            ]))).Append("</div><div class=\"card\"><h3>Lost from stage</h3>").Append(Table(
            ["Stage", "Deals#", "Share#", ""],
            lost.ByStage.Select(s => (IReadOnlyList<string>)[E(s.Name), Count(s.Deals), Percent(s.Share), Bar(s.Share)])))
            .Append("</div></div>");
    }

    private static void AppendCohorts(StringBuilder html, PipelineFunnel pipeline)
    {
        if (pipeline.Cohorts.Count == 0)
        {
            return;
        }

        var headers = new List<string> { "Stage" };
        headers.AddRange(pipeline.Cohorts.Select(c => c.Cohort + "#"));
        var rows = pipeline.Overall.Stages.Select((stage, row) => (IReadOnlyList<string>)
        [
            E(stage.Name),
            .. pipeline.Cohorts.Select(c => c.Figures.Stages[row] is var s && s.ConversionToNext is { } conversion
                ? $"{Count(s.Reached)} <span class=\"muted\">({Percent(conversion)})</span>{(s.Hint == FunnelHint.None ? "" : " " + ShortHintTag(s.Hint))}"
                : Count(c.Figures.Stages[row].Reached)),
        ]).ToList();
        rows.Add(["Win rate", .. pipeline.Cohorts.Select(c => Percent(c.Figures.Outcome.WinRate))]);
        html.Append("<div class=\"card\"><h3>Cohorts: reached (conversion to next)</h3><div class=\"scroll\">").Append(Table(headers, rows))
            .Append("</div><p class=\"muted\"><span class=\"tag merge small\">M</span> merge with next? <span class=\"tag split small\">S</span> split?</p></div>");
    }

    private static void AppendReactivation(StringBuilder html, IReadOnlyList<ReactivationCandidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        html.Append("<div class=\"card\"><h3>Reactivation candidates</h3>");
        foreach (var owner in candidates.GroupBy(c => c.OwnerName))
        {
            html.Append("<p><b>").Append(E(owner.Key)).Append("</b> <span class=\"muted\">").Append(owner.Count() == 1 ? "1 deal" : $"{owner.Count()} deals").Append("</span></p>").Append(Table(
                ["Deal", "Lost reason", "Lost on", "Why"],
                owner.Select(c => (IReadOnlyList<string>)[E(c.DealName), E(c.LostReason), Date(c.LostAt), E(Why(c.Why))])));
        }

        html.Append("</div>");
    }

    private static string HintTag(FunnelHint hint) => hint switch
    {
        FunnelHint.Merge => "<span class=\"tag merge\">merge with next?</span>",
        FunnelHint.Split => "<span class=\"tag split\">split?</span>",
        _ => "",
    };

    private static string ShortHintTag(FunnelHint hint) =>
        hint == FunnelHint.Merge ? "<span class=\"tag merge small\" title=\"merge with next?\">M</span>" : "<span class=\"tag split small\" title=\"split?\">S</span>";

    private static void Kpi(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"kpi\"><b>").Append(E(value)).Append("</b><span>").Append(E(label)).Append("</span></div>");
}
