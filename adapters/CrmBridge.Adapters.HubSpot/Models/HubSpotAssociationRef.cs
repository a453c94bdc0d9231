namespace CrmBridge.Adapters.HubSpot.Models;

/// <summary>One link in a v3 object's <c>associations</c>, e.g. <c>{"id":"501","type":"deal_to_company"}</c>.</summary>
internal sealed class HubSpotAssociationRef
{
    public string Id { get; init; } = "";

    public string? Type { get; init; }
}
