namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotAssociationList
{
    public List<HubSpotAssociationRef> Results { get; init; } = [];
}
