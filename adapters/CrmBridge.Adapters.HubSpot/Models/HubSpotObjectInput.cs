namespace CrmBridge.Adapters.HubSpot.Models;

/// <summary>The body of a create (with associations) or an update (properties only).</summary>
internal sealed class HubSpotObjectInput
{
    public Dictionary<string, string?> Properties { get; init; } = [];

    public List<HubSpotAssociationInput>? Associations { get; init; }
}
