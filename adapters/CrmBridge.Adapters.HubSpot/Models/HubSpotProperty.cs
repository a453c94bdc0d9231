namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotProperty
{
    public string Name { get; init; } = "";

    public string? Label { get; init; }

    public string? Type { get; init; }

    public string? FieldType { get; init; }

    public bool HubspotDefined { get; init; }

    public List<HubSpotPropertyOption>? Options { get; init; }
}
