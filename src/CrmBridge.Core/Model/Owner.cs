namespace CrmBridge.Core.Model;

/// <summary>A CRM user who owns deals.</summary>
public sealed record Owner(
    string Connection,
    string ExternalId,
    string Name,
    string? Email);
