using CrmBridge.Core.Model;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>Changes made in a sandbox CRM as its users would, through the dialect-neutral <see cref="ISandboxCrm"/>.</summary>
internal static class CrmChanges
{
    /// <summary>Moves <paramref name="moves"/> open deals one stage on, renames <paramref name="renames"/> others and removes <paramref name="removals"/>.</summary>
    public static void Apply(CrmSandbox sandbox, ISandboxCrm crm, int moves, int renames, int removals, int offset = 0)
    {
        var dataset = sandbox.Dataset;
        var stages = dataset.SalesPipeline.Stages.ToList();
        var movable = dataset.Deals
            .Where(d => d.Status == DealStatus.Open && d.PipelineKey == dataset.SalesPipeline.Key)
            .Select(d => (Deal: d, Next: NextOpenStage(stages, d)))
            .Where(x => x.Next is not null)
            .Skip(offset)
            .Take(moves)
            .ToList();
        foreach (var (deal, next) in movable)
        {
            crm.MoveDealToStage(crm.GetDealId(deal.Key), dataset.SalesPipeline.Key, next!.Key);
        }

        var others = dataset.Deals.Where(d => movable.All(m => m.Deal.Key != d.Key)).Skip(offset).ToList();
        foreach (var deal in others.Take(renames))
        {
            crm.RenameDeal(crm.GetDealId(deal.Key), $"renamed-{offset}.example - {deal.Name}");
        }

        foreach (var deal in others.Skip(renames).Take(removals))
        {
            crm.RemoveDeal(crm.GetDealId(deal.Key));
        }
    }

    private static SandboxStage? NextOpenStage(List<SandboxStage> stages, SandboxDeal deal)
    {
        var index = stages.FindIndex(s => s.Key == deal.StageKey);
        return index >= 0 && index + 1 < stages.Count && stages[index + 1].Outcome == StageOutcome.Open ? stages[index + 1] : null;
    }
}
