namespace CrmBridge.Sandbox.Dataset;

/// <summary>A seller. Every owner reports to a manager; a manager reports to themself.</summary>
public sealed record SandboxOwner(string Key, string FirstName, string LastName, string Email, bool IsManager, string ManagerKey)
{
    public string FullName => $"{FirstName} {LastName}";
}
