namespace CrmBridge.Adapters.HubSpot.Models;

/// <summary>The links of one object in a v4 association batch read.</summary>
internal sealed class HubSpotAssociationBatchItem
{
    public HubSpotObjectId From { get; init; } = new();

    public List<HubSpotAssociationTarget> To { get; init; } = [];
}
