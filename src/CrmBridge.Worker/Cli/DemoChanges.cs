using CrmBridge.Core.Model;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.HubSpot;

namespace CrmBridge.Worker.Cli;

/// <summary>What happens in the sandbox CRM between the demo's two syncs: three open deals move one stage on.</summary>
internal static class DemoChanges
{
    public const int DealsToMove = 3;

    /// <summary>Moves the first open deals (in id order) to their pipeline's next open stage; returns the deal names.</summary>
    public static IReadOnlyList<string> Apply(CrmSandbox sandbox)
    {
        var hubSpot = sandbox.HubSpot;
        var stages = sandbox.Dataset.SalesPipeline.Stages;
        var moved = new List<string>();
        foreach (var deal in sandbox.Dataset.Deals.Where(d => d.Status == DealStatus.Open).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var index = stages.ToList().FindIndex(s => s.Key == deal.StageKey);
            if (index < 0 || index + 1 >= stages.Count || stages[index + 1].Outcome != StageOutcome.Open)
            {
                continue;
            }

            hubSpot.MoveDealToStage(hubSpot.GetDealId(deal.Key), HubSpotSandbox.StageId(stages[index + 1].Key));
            moved.Add(deal.Name);
            if (moved.Count == DealsToMove)
            {
                break;
            }
        }

        return moved;
    }
}
