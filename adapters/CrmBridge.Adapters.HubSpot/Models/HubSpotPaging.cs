namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotPaging
{
    public HubSpotNextPage? Next { get; init; }
}
