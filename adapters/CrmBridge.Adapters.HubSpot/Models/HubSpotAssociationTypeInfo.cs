namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotAssociationTypeInfo
{
    public string? Category { get; init; }

    public int TypeId { get; init; }

    public string? Label { get; init; }
}
