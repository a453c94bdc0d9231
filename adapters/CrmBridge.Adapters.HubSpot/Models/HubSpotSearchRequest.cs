namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotSearchRequest
{
    public List<HubSpotFilterGroup> FilterGroups { get; init; } = [];

    public List<HubSpotSort> Sorts { get; init; } = [];

    public List<string> Properties { get; init; } = [];

    public int Limit { get; init; }

    public string? After { get; init; }
}
