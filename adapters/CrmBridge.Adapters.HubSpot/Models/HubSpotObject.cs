namespace CrmBridge.Adapters.HubSpot.Models;

/// <summary>A CRM object (deal, company, contact, task, note) as the v3 objects API returns it. Property values are strings.</summary>
internal sealed class HubSpotObject
{
    public string Id { get; init; } = "";

    public Dictionary<string, string?> Properties { get; init; } = [];

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public bool Archived { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    public Dictionary<string, HubSpotAssociationList>? Associations { get; init; }
}
