namespace CrmBridge.Core.Model;

/// <summary>A person from the CRM's address book.</summary>
public sealed record Contact
{
    public required string Connection { get; init; }

    public required string ExternalId { get; init; }

    public required string FullName { get; init; }

    public string? Position { get; init; }

    public ContactRole Role { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? CompanyId { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Further canonical fields (<c>contact.*</c>), keyed by canonical name.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = EmptyFields.Instance;
}
