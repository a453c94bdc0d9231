using CrmBridge.Core.Writes;

namespace CrmBridge.Core.Hygiene.Fixes;

/// <summary>The owner task for one open finding: created now, already there from an earlier sweep, dry run, or failed.</summary>
public sealed record HygieneTaskResult(long FindingId, string DealId, string? OwnerId, string Subject, AuditOutcome Outcome, bool AlreadyDone, string? TaskId, string? Error);
