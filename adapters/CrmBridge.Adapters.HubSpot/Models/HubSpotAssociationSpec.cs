namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotAssociationSpec
{
    public string AssociationCategory { get; init; } = "HUBSPOT_DEFINED";

    public int AssociationTypeId { get; init; }
}
