namespace CrmBridge.Core.Model;

/// <summary>A task on a deal for its owner.</summary>
public sealed record CrmTask(
    string Connection,
    string ExternalId,
    string DealId,
    string? OwnerId,
    string Subject,
    string? Body,
    DateTimeOffset DueAt,
    bool IsCompleted);
