namespace CrmBridge.Core.ClientSuccess;

/// <summary>One planned task in an advance report.</summary>
public sealed record CsAdvanceTask(string Key, string Subject, DateTimeOffset DueAt, CsTaskOutcome Outcome, string? TaskId, string? Message);
