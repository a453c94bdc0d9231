namespace CrmBridge.Sandbox.Dataset;

/// <summary>A company of the address book.</summary>
/// <param name="Website">A domain such as <c>orion-tech.ru</c> or <c>орион.рф</c>; deliberately malformed for some companies.</param>
/// <param name="Inn">Russian tax id: 10 digits (legal entity) or 12 (sole trader); null when missing.</param>
/// <param name="InnIsValid">True when <paramref name="Inn"/> was generated with correct check digits; false when it is missing or was generated with wrong ones.</param>
public sealed record SandboxCompany(
    string Key,
    string Name,
    string? Website,
    string? Inn,
    bool InnIsValid,
    string Industry,
    string? Phone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
