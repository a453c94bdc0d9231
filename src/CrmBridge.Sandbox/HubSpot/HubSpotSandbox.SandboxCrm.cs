using System.Globalization;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>The dialect-neutral view of the HubSpot portal.</summary>
public sealed partial class HubSpotSandbox
{
    public CrmKind Kind => CrmKind.HubSpot;

    ConnectionOptions ISandboxCrm.CreateConnectionOptions(string? name) => CreateConnectionOptions(name ?? "sandbox-hubspot");

    public string GetPipelineId(string pipelineKey) => PipelineId(pipelineKey);

    public string GetStageId(string pipelineKey, string stageKey) => StageId(stageKey);

    public void MoveDealToStage(string dealId, string pipelineKey, string stageKey) => MoveDealToStage(dealId, StageId(stageKey));

    public void RenameDeal(string dealId, string name) => ChangeDeal(dealId, "dealname", name);

    public void RemoveDeal(string dealId) => ArchiveDeal(dealId);

    public SandboxDealState GetDealState(string dealId)
    {
        var deal = GetDeal(dealId);
        var fields = FieldMap.Where(f => f.Key.StartsWith("deal.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => deal[f.Value], StringComparer.Ordinal);
        return new SandboxDealState(
            deal.Id,
            deal["dealname"] ?? "",
            deal["pipeline"] ?? "",
            deal["dealstage"] ?? "",
            decimal.TryParse(deal["amount"], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
            deal["hubspot_owner_id"],
            deal.AssociatedIds("companies").FirstOrDefault(),
            deal.AssociatedIds("contacts"),
            fields);
    }
}
