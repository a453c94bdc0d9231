namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotPropertyOption
{
    public string? Label { get; init; }

    public string Value { get; init; } = "";
}
