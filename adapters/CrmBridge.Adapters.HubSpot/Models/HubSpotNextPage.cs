namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotNextPage
{
    public string? After { get; init; }

    public string? Link { get; init; }
}
