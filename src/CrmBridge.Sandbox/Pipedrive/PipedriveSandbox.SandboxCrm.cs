using System.Globalization;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>The dialect-neutral view of the Pipedrive account.</summary>
public sealed partial class PipedriveSandbox
{
    public CrmKind Kind => CrmKind.Pipedrive;

    ConnectionOptions ISandboxCrm.CreateConnectionOptions(string? name) => CreateConnectionOptions(name ?? "sandbox-pipedrive");

    public string GetPipelineId(string pipelineKey)
    {
        var pipeline = account.Pipelines.FirstOrDefault(p => p.DatasetKey == pipelineKey)
            ?? throw new KeyNotFoundException($"The dataset has no pipeline {pipelineKey}.");
        return pipeline.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The Pipedrive stage of a dataset stage. Pipedrive has no won or lost stages: <c>closedwon</c> gives the stage won
    /// deals stand in (the last open one) and <c>closedlost</c> the stage lost deals stand in (the first).
    /// </summary>
    public string GetStageId(string pipelineKey, string stageKey) =>
        account.StageId(pipelineKey, stageKey)?.ToString(CultureInfo.InvariantCulture)
        ?? throw new KeyNotFoundException($"The dataset has no stage {stageKey} in pipeline {pipelineKey}.");

    /// <summary>Moves the deal; moving it to a closing stage (<c>closedwon</c>, <c>closedlost</c>) marks it won or lost instead, as Pipedrive keeps the stage.</summary>
    public void MoveDealToStage(string dealId, string pipelineKey, string stageKey)
    {
        var pipeline = GetPipeline(pipelineKey);
        var stage = pipeline.GetStage(stageKey);
        switch (stage.Outcome)
        {
            case StageOutcome.Won:
                SetDealStatus(dealId, DealStatus.Won);
                break;
            case StageOutcome.Lost:
                SetDealStatus(dealId, DealStatus.Lost);
                break;
            default:
                MoveDealToStage(dealId, GetStageId(pipelineKey, stageKey));
                break;
        }
    }

    public void RenameDeal(string dealId, string name) => RenameDealTo(dealId, name);

    /// <summary>Deletes the deal, the way a Pipedrive user removes one.</summary>
    public void RemoveDeal(string dealId) => DeleteDeal(dealId);

    public SandboxDealState GetDealState(string dealId)
    {
        var deal = GetDeal(dealId);
        var fields = FieldMap.Where(f => f.Key.StartsWith("deal.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => deal.CustomFields.GetValueOrDefault(f.Value), StringComparer.Ordinal);
        return new SandboxDealState(
            deal.Id,
            deal.Title,
            deal.PipelineId,
            deal.StageId,
            deal.Value == 0m ? null : deal.Value,
            deal.OwnerId,
            deal.OrgId,
            [.. (deal.PersonId is { } person ? deal.ParticipantIds.Prepend(person) : deal.ParticipantIds).Distinct(StringComparer.Ordinal)],
            fields);
    }

    private SandboxPipeline GetPipeline(string pipelineKey) =>
        datasetPipelines.FirstOrDefault(p => p.Key == pipelineKey) ?? throw new KeyNotFoundException($"The dataset has no pipeline {pipelineKey}.");
}
