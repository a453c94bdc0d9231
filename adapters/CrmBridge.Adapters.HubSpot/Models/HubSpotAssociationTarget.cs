namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotAssociationTarget
{
    public long ToObjectId { get; init; }

    public List<HubSpotAssociationTypeInfo>? AssociationTypes { get; init; }
}
