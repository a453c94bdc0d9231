namespace CrmBridge.Core.ClientSuccess;

/// <summary>A task the plan puts on a CS deal in one period.</summary>
/// <param name="Key">Stable within the period; with the deal, cycle and period it makes the task's idempotency key.</param>
public sealed record CsPlannedTask(string Key, string Subject, string? Body, DateTimeOffset DueAt);
