namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotSort
{
    public string PropertyName { get; init; } = "";

    public string Direction { get; init; } = "ASCENDING";
}
