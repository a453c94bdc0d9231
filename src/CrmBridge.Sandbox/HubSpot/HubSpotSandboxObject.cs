namespace CrmBridge.Sandbox.HubSpot;

/// <summary>A snapshot of one object held by the HubSpot sandbox, for assertions.</summary>
/// <param name="ObjectType">The plural type name: <c>deals</c>, <c>companies</c>, <c>contacts</c>, <c>tasks</c>, <c>notes</c>.</param>
/// <param name="Properties">Property values as the API serves them (strings or null).</param>
/// <param name="Associations">Associated ids by target type name (<c>companies</c>, <c>contacts</c>, <c>deals</c>, ...).</param>
/// <param name="DatasetKey">The dataset key the object was seeded from; null for objects created through the API.</param>
public sealed record HubSpotSandboxObject(
    string ObjectType,
    string Id,
    IReadOnlyDictionary<string, string?> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Archived,
    DateTimeOffset? ArchivedAt,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Associations,
    string? DatasetKey)
{
    public string? this[string property] => Properties.TryGetValue(property, out var value) ? value : null;

    public IReadOnlyList<string> AssociatedIds(string objectType) =>
        Associations.TryGetValue(objectType, out var ids) ? ids : [];
}
