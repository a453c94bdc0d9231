namespace CrmBridge.Core.Model;

/// <summary>A note attached to a deal.</summary>
public sealed record Note(
    string Connection,
    string ExternalId,
    string DealId,
    string Body,
    DateTimeOffset CreatedAt);
