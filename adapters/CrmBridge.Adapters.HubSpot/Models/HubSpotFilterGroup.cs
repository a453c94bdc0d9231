namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotFilterGroup
{
    public List<HubSpotFilter> Filters { get; init; } = [];
}
