namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotAssociationInput
{
    public HubSpotObjectId To { get; init; } = new();

    public List<HubSpotAssociationSpec> Types { get; init; } = [];
}
