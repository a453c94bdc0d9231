namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotAssociationBatchRequest
{
    public List<HubSpotObjectId> Inputs { get; init; } = [];
}
