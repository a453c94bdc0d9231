namespace CrmBridge.Core.Writes;

/// <summary>Which audit entries to read; null members do not filter.</summary>
public sealed record AuditQuery(
    string? Connection = null,
    string? IdempotencyKey = null,
    DateTimeOffset? Since = null,
    AuditOutcome? Outcome = null,
    int Limit = 1000);
