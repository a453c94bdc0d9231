using CrmBridge.Core.Writes;

namespace CrmBridge.Core.Hygiene.Fixes;

/// <summary>The fixes for one deal, sent as one update, and how the write went (null until it is made).</summary>
/// <param name="FindingIds">The findings the fix resolves.</param>
public sealed record HygieneDealFix(
    string Connection,
    string DealId,
    string? OwnerId,
    IReadOnlyList<HygieneFieldChange> Changes,
    IReadOnlyList<long> FindingIds,
    long? AuditId = null,
    AuditOutcome? Outcome = null,
    string? Error = null);
