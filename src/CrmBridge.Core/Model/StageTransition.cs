namespace CrmBridge.Core.Model;

/// <summary>A stage change CrmBridge observed between two snapshots of a deal.</summary>
/// <param name="FromStageId">The stage before; null when the deal was first seen.</param>
/// <param name="CrmChangedAt">The CRM's own stage-change time, when it reports one.</param>
public sealed record StageTransition(
    string Connection,
    string DealId,
    string PipelineId,
    string? FromStageId,
    string ToStageId,
    DateTimeOffset ObservedAt,
    DateTimeOffset? CrmChangedAt);
