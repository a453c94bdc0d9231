namespace CrmBridge.Core.Adapters;

/// <summary>A record the adapter could not map, with the reason; it becomes a finding instead of stopping the sync.</summary>
public sealed record SkippedRecord(string Entity, string ExternalId, string Reason);
