namespace CrmBridge.Core.Adapters;

/// <summary>A task to create for an owner on a deal.</summary>
public sealed record NewTask(string DealId, string? OwnerId, string Subject, string? Body, DateTimeOffset DueAt);
