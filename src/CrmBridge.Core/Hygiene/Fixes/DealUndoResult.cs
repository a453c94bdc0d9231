using CrmBridge.Core.Writes;

namespace CrmBridge.Core.Hygiene.Fixes;

/// <summary>The undo of one audited deal update: what was put back, and the audit entry of the undo itself.</summary>
/// <param name="Skipped">Why nothing was written (not an update, already undone, nothing changed...); null when written.</param>
public sealed record DealUndoResult(long AuditId, string Connection, string? DealId, IReadOnlyList<HygieneFieldChange> Changes, long? UndoAuditId, AuditOutcome? Outcome, string? Skipped);
