using System.Globalization;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Worker.Cli;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>The demo's view of the store: deals per stage of each pipeline, and per owner.</summary>
internal static class DemoReport
{
    public static async Task WriteAsync(CliContext context, ICrmStore store, string connection, CancellationToken cancellationToken)
    {
        var names = await ConnectionNames.LoadAsync(store, connection, cancellationToken);
        var pipelines = await store.GetPipelinesAsync(connection, cancellationToken);
        var byStage = new Dictionary<(string Pipeline, string Stage), (int Count, decimal Amount)>();
        var byOwner = new Dictionary<string, OwnerTally>(StringComparer.Ordinal);
        await foreach (var deal in store.StreamDealsAsync(new DealQuery(connection), cancellationToken))
        {
            var key = (deal.PipelineId, deal.StageId);
            var stage = byStage.GetValueOrDefault(key);
            byStage[key] = (stage.Count + 1, stage.Amount + (deal.Amount ?? 0));
            var owner = names.Owner(deal.OwnerId) ?? "(no owner)";
            byOwner[owner] = byOwner.GetValueOrDefault(owner, new OwnerTally()).Add(deal);
        }

        foreach (var pipeline in pipelines.OrderBy(p => p.Order))
        {
            var table = new Table().Title($"{TerminalText.Escape(connection)}: deals per stage of {TerminalText.Escape(pipeline.Name)}").AddColumns("#", "Stage", "Outcome", "Deals", "Amount");
            var number = 0;
            foreach (var stage in pipeline.Stages.OrderBy(s => s.Order))
            {
                var (count, amount) = byStage.GetValueOrDefault((pipeline.ExternalId, stage.ExternalId));
                table.AddRow((++number).ToString(CultureInfo.InvariantCulture), TerminalText.Escape(stage.Name), stage.Outcome.ToString(), N(count), N(amount));
            }

            context.Console.Write(table);
        }

        var owners = new Table().Title($"{TerminalText.Escape(connection)}: deals per owner").AddColumns("Owner", "Open", "Won", "Lost", "Open amount", "Won amount");
        foreach (var (owner, tally) in byOwner.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            owners.AddRow(TerminalText.Escape(owner), N(tally.Open), N(tally.Won), N(tally.Lost), N(tally.OpenAmount), N(tally.WonAmount));
        }

        context.Console.Write(owners);
    }

    private static string N(decimal value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record OwnerTally(int Open = 0, int Won = 0, int Lost = 0, decimal OpenAmount = 0, decimal WonAmount = 0)
    {
        public OwnerTally Add(Deal deal) => deal.Status switch
        {
            DealStatus.Won => this with { Won = Won + 1, WonAmount = WonAmount + (deal.Amount ?? 0) },
            DealStatus.Lost => this with { Lost = Lost + 1 },
            _ => this with { Open = Open + 1, OpenAmount = OpenAmount + (deal.Amount ?? 0) },
        };
    }
}
