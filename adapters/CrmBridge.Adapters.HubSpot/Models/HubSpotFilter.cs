namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotFilter
{
    public string PropertyName { get; init; } = "";

    public string Operator { get; init; } = "";

    public string? Value { get; init; }
}
