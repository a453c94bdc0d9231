namespace CrmBridge.Core.Writes;

/// <summary>How a write through <see cref="CrmWriter"/> ended.</summary>
/// <param name="AlreadyDone">The idempotency key matched an earlier write, so nothing new was sent.</param>
public sealed record WriteResult(long AuditId, AuditOutcome Outcome, string? EntityId, bool AlreadyDone);
