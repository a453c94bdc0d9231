namespace CrmBridge.Core.ClientSuccess;

/// <summary>One CS deal in an advance report.</summary>
/// <param name="Cycle">The renewal count at the deal's position.</param>
public sealed record CsAdvanceItem(
    string CopyId,
    string OriginalId,
    string Name,
    CsCadence Cadence,
    int Cycle,
    int Period,
    DateOnly PeriodStart,
    string? FromStageId,
    string? StageId,
    CsAdvanceOutcome Outcome,
    IReadOnlyList<CsAdvanceTask> Tasks,
    string? Message);
