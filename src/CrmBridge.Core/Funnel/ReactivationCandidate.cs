namespace CrmBridge.Core.Funnel;

/// <summary>A lost deal worth reactivating.</summary>
public sealed record ReactivationCandidate(
    string DealId,
    string DealName,
    string? OwnerId,
    string OwnerName,
    string LostReason,
    ReactivationReason Why,
    DateTimeOffset? LostAt,
    string? LostFromStage);
