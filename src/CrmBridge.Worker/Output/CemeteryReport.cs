using System.Globalization;
using System.Text.Json;
using CrmBridge.Core.Cemetery;
using CrmBridge.Worker.Cli;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>Prints cemetery scans: per-pipeline figures and stale deals as tables, one JSON document, or stale deals as CSV.</summary>
internal static class CemeteryReport
{
    /// <summary>Tables stop here; json and csv carry every stale deal.</summary>
    public const int MaxTableRows = 200;

    private static readonly string[] CsvHeaders =
    [
        "connection", "deal_id", "name", "pipeline", "stage", "owner_id", "owner", "idle_days", "threshold_days", "reasons",
        "last_touched_at", "next_activity_at", "amount", "currency", "url",
    ];

    public static void Write(CliContext context, IReadOnlyList<CemeteryConnectionReport> reports, IReadOnlyList<(string Connection, string Error)> failures, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                context.Out.WriteLine(JsonSerializer.Serialize(new { connections = reports.Select(ToJson), failures = failures.Select(f => new { connection = f.Connection, error = f.Error }) }, ReportJson.Options));
                break;
            case OutputFormat.Csv:
                context.Out.WriteLine(string.Join(',', CsvHeaders));
                foreach (var deal in reports.SelectMany(r => r.Scan.StaleDeals))
                {
                    string?[] fields =
                    [
                        deal.Connection, deal.DealId, deal.Name, deal.PipelineName, deal.StageName, deal.OwnerId, deal.OwnerName,
                        deal.WholeIdleDays.ToString(CultureInfo.InvariantCulture), deal.ThresholdDays.ToString(CultureInfo.InvariantCulture), ReasonsText(deal.Reasons),
                        T(deal.LastTouchedAt), T(deal.NextActivityAt), deal.Amount?.ToString(CultureInfo.InvariantCulture), deal.Currency, deal.Url,
                    ];
                    context.Out.WriteLine(string.Join(',', fields.Select(DealExport.Csv)));
                }

                break;
            default:
                foreach (var report in reports)
                {
                    WriteTables(context, report);
                }

                break;
        }

        foreach (var (connection, error) in failures)
        {
            context.Error.WriteLine($"{connection}: {error}");
        }
    }

    public static void WritePipelines(CliContext context, CemeteryScan scan)
    {
        var table = new Table()
            .Title($"{TerminalText.Escape(scan.Connection)}: deal cemetery per pipeline ({scan.DealsScanned:N0} deals scanned)")
            .AddColumns("Pipeline", "Rules", "Open", "Stale", "Cemetery share", "No activity", "No next activity", "Oldest untouched", "Last moved", "Graveyard");
        foreach (var p in scan.Pipelines)
        {
            var oldest = p.Oldest.Count == 0 ? "" : string.Join(", ", p.Oldest.Take(3).Select(o => CemeteryDigestText.Days((int)o.IdleDays)));
            table.AddRow(
                TerminalText.Escape(p.Name),
                p.Role.ToString(),
                N(p.OpenDeals),
                N(p.StaleDeals),
                p.CemeteryShare.ToString("P0", CultureInfo.InvariantCulture),
                N(p.NoActivityDeals),
                N(p.NoNextActivityDeals),
                oldest,
                p.DaysSinceLastMove is { } days ? $"{CemeteryDigestText.Days((int)days)} ago" : "never",
                p.IsGraveyard ? "[red]yes[/]" : "no");
        }

        context.Console.Write(table);
    }

    private static void WriteTables(CliContext context, CemeteryConnectionReport report)
    {
        var scan = report.Scan;
        WritePipelines(context, scan);
        if (scan.StaleDeals.Count > 0)
        {
            var deals = new Table().Title($"{TerminalText.Escape(scan.Connection)}: stale deals").AddColumns("Owner", "Deal", "Stage", "Idle", "Threshold", "Why", "Link");
            foreach (var deal in scan.StaleDeals.Take(MaxTableRows))
            {
                deals.AddRow(
                    TerminalText.Escape(deal.OwnerName ?? deal.OwnerId ?? "(no owner)"),
                    TerminalText.Escape(deal.Name),
                    TerminalText.Escape(deal.StageName),
                    CemeteryDigestText.Days(deal.WholeIdleDays),
                    CemeteryDigestText.Days(deal.ThresholdDays),
                    ReasonsText(deal.Reasons),
                    TerminalText.Escape(deal.Url ?? ""));
            }

            context.Console.Write(deals);
        }

        var more = scan.StaleDeals.Count > MaxTableRows ? $" (first {MaxTableRows} shown; --format csv lists all)" : "";
        context.Console.MarkupLine($"[bold]{N(scan.StaleDeals.Count)}[/] stale of {N(scan.OpenDeals)} open deals{more}.");
        if (report.Run is { } run)
        {
            if (!run.ChannelsEnabled)
            {
                context.Console.MarkupLine("[yellow]No channel is enabled under CrmBridge:Cemetery:Channels: nothing was sent.[/]");
            }

            context.Console.MarkupLine($"Notified: {N(run.Digests.Count)} digests, {N(run.MessagesEnqueued)} messages enqueued, {N(run.Delivery.Sent)} delivered, {N(run.Delivery.Failures.Count)} failed.");
            foreach (var failure in run.Delivery.Failures)
            {
                context.Console.MarkupLine($"[red]{TerminalText.Escape(failure.Channel)}[/] to {TerminalText.Escape(failure.Recipient)}: {TerminalText.Escape(failure.Error)} ({(failure.Dead ? "given up, kept in the outbox" : "will be retried")})");
            }
        }
    }

    private static object ToJson(CemeteryConnectionReport report) => new
    {
        connection = report.Scan.Connection,
        scannedAt = report.Scan.ScannedAt,
        dealsScanned = report.Scan.DealsScanned,
        openDeals = report.Scan.OpenDeals,
        staleDeals = report.Scan.StaleDeals.Select(d => new
        {
            id = d.DealId,
            name = d.Name,
            pipelineId = d.PipelineId,
            pipeline = d.PipelineName,
            rules = d.Role,
            stageId = d.StageId,
            stage = d.StageName,
            ownerId = d.OwnerId,
            owner = d.OwnerName,
            amount = d.Amount,
            currency = d.Currency,
            lastTouchedAt = d.LastTouchedAt,
            idleDays = d.WholeIdleDays,
            thresholdDays = d.ThresholdDays,
            reasons = ReasonsList(d.Reasons),
            nextActivityAt = d.NextActivityAt,
            url = d.Url,
        }),
        pipelines = report.Scan.Pipelines.Select(p => new
        {
            id = p.PipelineId,
            name = p.Name,
            rules = p.Role,
            openDeals = p.OpenDeals,
            staleDeals = p.StaleDeals,
            noActivityDeals = p.NoActivityDeals,
            noNextActivityDeals = p.NoNextActivityDeals,
            cemeteryShare = Math.Round(p.CemeteryShare, 4),
            oldest = p.Oldest.Select(o => new { id = o.DealId, name = o.Name, stage = o.StageName, owner = o.OwnerName, lastTouchedAt = o.LastTouchedAt, idleDays = (int)o.IdleDays }),
            lastMovedAt = p.LastMovedAt,
            daysSinceLastMove = p.DaysSinceLastMove is { } days ? (int?)days : null,
            graveyard = p.IsGraveyard,
        }),
        notify = report.Run is not { } run ? null : new
        {
            channelsEnabled = run.ChannelsEnabled,
            digests = run.Digests.Select(d => new { kind = d.Kind, recipient = d.Recipient.Name, deals = d.Items.Count }),
            enqueued = run.MessagesEnqueued,
            sent = run.Delivery.Sent,
            failures = run.Delivery.Failures.Select(f => new { channel = f.Channel, recipient = f.Recipient, error = f.Error, attempts = f.Attempts, dead = f.Dead }),
        },
    };

    internal static string ReasonsText(StaleReasons reasons) => string.Join(" + ", ReasonsList(reasons));

    private static List<string> ReasonsList(StaleReasons reasons)
    {
        var list = new List<string>();
        if (reasons.HasFlag(StaleReasons.NoActivity))
        {
            list.Add("no activity");
        }

        if (reasons.HasFlag(StaleReasons.NoNextActivity))
        {
            list.Add("no next activity");
        }

        return list;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string? T(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
