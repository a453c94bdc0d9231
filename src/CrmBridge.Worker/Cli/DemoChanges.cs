using CrmBridge.Core.Model;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Worker.Cli;

/// <summary>What happens in a sandbox CRM between the demo's two syncs: three open deals move one stage on.</summary>
internal static class DemoChanges
{
    public const int DealsToMove = 3;

    /// <summary>Moves the first open deals (in key order) to their pipeline's next open stage; returns the deal names.</summary>
    public static IReadOnlyList<string> Apply(SandboxDataset dataset, ISandboxCrm crm)
    {
        var pipeline = dataset.SalesPipeline;
        var stages = pipeline.Stages.ToList();
        var moved = new List<string>();
        foreach (var deal in dataset.Deals.Where(d => d.Status == DealStatus.Open).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var index = stages.FindIndex(s => s.Key == deal.StageKey);
            if (index < 0 || index + 1 >= stages.Count || stages[index + 1].Outcome != StageOutcome.Open)
            {
                continue;
            }

            crm.MoveDealToStage(crm.GetDealId(deal.Key), pipeline.Key, stages[index + 1].Key);
            moved.Add(deal.Name);
            if (moved.Count == DealsToMove)
            {
                break;
            }
        }

        return moved;
    }
}
