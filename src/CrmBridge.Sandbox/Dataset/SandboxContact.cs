using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.Dataset;

/// <summary>A person at a company.</summary>
public sealed record SandboxContact(
    string Key,
    string FirstName,
    string LastName,
    string Position,
    ContactRole Role,
    string? Email,
    string? Phone,
    string CompanyKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string FullName => $"{FirstName} {LastName}";
}
