namespace CrmBridge.Sandbox.Pipedrive;

internal sealed class PipedrivePersonRow
{
    public required long Id { get; init; }

    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    public string Name => $"{FirstName} {LastName}".Trim();

    public long? OrgId { get; set; }

    public long? OwnerId { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? JobTitle { get; set; }

    public required DateTimeOffset AddTime { get; init; }

    public required DateTimeOffset UpdateTime { get; set; }

    public Dictionary<string, object?> CustomFields { get; } = new(StringComparer.Ordinal);

    public string? DatasetKey { get; init; }
}
