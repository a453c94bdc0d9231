namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>A company or a contact of the sandbox account.</summary>
internal sealed class AmoCrmEntityRecord
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public long ResponsibleUserId { get; init; }

    public required long CreatedAt { get; init; }

    public required long UpdatedAt { get; init; }

    /// <summary>For a contact, the company it works at.</summary>
    public long? CompanyId { get; init; }

    public Dictionary<long, List<AmoCrmFieldValueRecord>> Fields { get; } = [];
}
