namespace CrmBridge.Core.Storage;

/// <summary>When the deals were observed, and which full-sync run saw them (for reconciliation).</summary>
public sealed record DealUpsertContext(DateTimeOffset ObservedAt, string? SyncRunId);
