namespace CrmBridge.Core.Model;

/// <summary>A company from the CRM's address book.</summary>
public sealed record Company
{
    public required string Connection { get; init; }

    public required string ExternalId { get; init; }

    public required string Name { get; init; }

    public string? Website { get; init; }

    /// <summary>Russian tax id (INN), when the connection maps <c>company.inn</c>.</summary>
    public string? Inn { get; init; }

    public string? Industry { get; init; }

    public string? Phone { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Further canonical fields (<c>company.*</c>), keyed by canonical name.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = EmptyFields.Instance;
}
