namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotObjectId
{
    public string Id { get; init; } = "";
}
