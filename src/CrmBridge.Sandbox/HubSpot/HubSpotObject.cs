namespace CrmBridge.Sandbox.HubSpot;

/// <summary>Server-side state of one CRM object; mutated only under the sandbox's lock.</summary>
internal sealed class HubSpotObject(HubSpotObjectType type, long id, DateTimeOffset createdAt)
{
    public HubSpotObjectType Type { get; } = type;

    public long Id { get; } = id;

    public Dictionary<string, string?> Properties { get; } = new(type.Properties.Count, StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Archived { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Associated ids by target type name, in insertion order.</summary>
    public Dictionary<string, List<long>> Associations { get; } = new(2, StringComparer.Ordinal);

    /// <summary>The dataset key the object was seeded from; null for objects created through the API.</summary>
    public string? DatasetKey { get; init; }

    public IReadOnlyList<long> AssociatedIds(string toType) =>
        Associations.TryGetValue(toType, out var ids) ? ids : [];

    public void Associate(string toType, long toId)
    {
        if (!Associations.TryGetValue(toType, out var ids))
        {
            ids = [];
            Associations[toType] = ids;
        }

        if (!ids.Contains(toId))
        {
            ids.Add(toId);
        }
    }

    public HubSpotSandboxObject Snapshot() => new(
        Type.Name,
        Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        new Dictionary<string, string?>(Properties, StringComparer.Ordinal),
        CreatedAt,
        UpdatedAt,
        Archived,
        ArchivedAt,
        Associations.ToDictionary(
            a => a.Key,
            a => (IReadOnlyList<string>)[.. a.Value.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            StringComparer.Ordinal),
        DatasetKey);
}
