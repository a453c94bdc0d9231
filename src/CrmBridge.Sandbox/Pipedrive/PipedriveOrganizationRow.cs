namespace CrmBridge.Sandbox.Pipedrive;

internal sealed class PipedriveOrganizationRow
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public long? OwnerId { get; set; }

    public required DateTimeOffset AddTime { get; init; }

    public required DateTimeOffset UpdateTime { get; set; }

    /// <summary>Custom field values by key, in their wire form (text, option id).</summary>
    public Dictionary<string, object?> CustomFields { get; } = new(StringComparer.Ordinal);

    public string? DatasetKey { get; init; }
}
