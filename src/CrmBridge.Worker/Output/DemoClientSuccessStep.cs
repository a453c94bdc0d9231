using System.Globalization;
using CrmBridge.Core.ClientSuccess;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Worker.Cli;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>
/// The demo's Client Success part: every won deal of the sandbox is carried into its Client Success pipeline (the
/// sandbox is throwaway, so the demo writes), the copies are moved to the month since signing and get that month's
/// plan tasks; a second carry-over shows that nothing is copied twice.
/// </summary>
internal static class DemoClientSuccessStep
{
    private const int RowsShown = 8;

    public static async Task RunAsync(CliContext context, IServiceProvider services, IReadOnlyList<ConnectionOptions> connections, CancellationToken cancellationToken)
    {
        var carryOver = services.GetRequiredService<CsCarryOverEngine>();
        var advance = services.GetRequiredService<CsAdvanceEngine>();
        var sync = services.GetRequiredService<SyncEngine>();
        var store = services.GetRequiredService<ICrmStore>();
        foreach (var connection in connections.Where(c => !string.IsNullOrWhiteSpace(c.Pipelines.ClientSuccess)))
        {
            var carried = await carryOver.RunAsync(connection.Name, dryRun: false, retryRejected: false, cancellationToken);
            if (carried.Problem is not null)
            {
                context.Console.MarkupLine($"[yellow]{Markup.Escape(connection.Name)}: Client Success skipped: {Markup.Escape(carried.Problem)}[/]");
                continue;
            }

            var again = await carryOver.RunAsync(connection.Name, dryRun: false, retryRejected: false, cancellationToken);
            var advanced = await advance.RunAsync(connection.Name, dryRun: false, cancellationToken);
            await sync.SyncAsync(connection.Name, full: false, progress: null, cancellationToken);
            context.Console.MarkupLine(Markup.Escape(
                $"{connection.Name}: {carried.Count(CsCarryOverOutcome.Created)} of {carried.WonDeals} won deals carried into the Client Success pipeline; " +
                $"a second run copied {again.Count(CsCarryOverOutcome.Created)} (all {again.AlreadyCarried} were carried already)."));
            var stages = (await store.GetPipelinesAsync(connection.Name, cancellationToken)).Where(p => p.ExternalId == connection.Pipelines.ClientSuccess).SelectMany(p => p.Stages).ToDictionary(s => s.ExternalId, s => s.Name, StringComparer.Ordinal);
            WriteDeals(context, connection.Name, advanced, stages);
            await WriteStagesAsync(context, store, connection, cancellationToken);
        }
    }

    private static void WriteDeals(CliContext context, string connection, CsAdvanceReport advanced, Dictionary<string, string> stages)
    {
        var table = new Table().Title($"{Markup.Escape(connection)}: Client Success deals and this period's plan tasks").AddColumns("CS deal", "Period", "Stage", "Tasks created");
        foreach (var item in advanced.Items.OrderByDescending(i => i.Tasks.Count).ThenBy(i => i.Name, StringComparer.Ordinal).Take(RowsShown))
        {
            table.AddRow(
                Markup.Escape(item.Name),
                $"{item.Cadence} period {item.Period} (from {item.PeriodStart:yyyy-MM-dd})",
                Markup.Escape(item.StageId is null ? "" : stages.GetValueOrDefault(item.StageId, item.StageId)),
                Markup.Escape(item.Tasks.Count == 0 ? "(none planned this period)" : string.Join(Environment.NewLine, item.Tasks.Select(t => $"{t.Subject}, due {t.DueAt:yyyy-MM-dd}"))));
        }

        context.Console.Write(table);
        if (advanced.Items.Count > RowsShown)
        {
            context.Console.MarkupLine($"... and {advanced.Items.Count - RowsShown} more CS deals.");
        }

        context.Console.MarkupLine(Markup.Escape(
            $"{connection}: {advanced.Count(CsAdvanceOutcome.Moved)} CS deals moved to the month since signing; {advanced.CountTasks(CsTaskOutcome.Created)} plan tasks created."));
    }

    private static async Task WriteStagesAsync(CliContext context, ICrmStore store, ConnectionOptions connection, CancellationToken cancellationToken)
    {
        var pipeline = (await store.GetPipelinesAsync(connection.Name, cancellationToken)).FirstOrDefault(p => p.ExternalId == connection.Pipelines.ClientSuccess);
        if (pipeline is null)
        {
            return;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var deal in store.StreamDealsAsync(new DealQuery(connection.Name, pipeline.ExternalId), cancellationToken))
        {
            counts[deal.StageId] = counts.GetValueOrDefault(deal.StageId) + 1;
        }

        var chart = new BarChart().Label($"{Markup.Escape(connection.Name)}: {Markup.Escape(pipeline.Name)} after the next sync").Width(70);
        foreach (var stage in pipeline.Stages.OrderBy(s => s.Order))
        {
            chart.AddItem(Markup.Escape(stage.Name), counts.GetValueOrDefault(stage.ExternalId), Color.Green);
        }

        context.Console.Write(chart);
        context.Console.MarkupLine(Markup.Escape($"{connection.Name}: {counts.Values.Sum().ToString(CultureInfo.InvariantCulture)} deals in the Client Success pipeline."));
    }
}
