namespace CrmBridge.Core.ClientSuccess;

/// <summary>One won deal in a carry-over report.</summary>
public sealed record CsCarryOverItem(
    string OriginalId,
    string Name,
    decimal? Amount,
    string? Currency,
    string? OwnerId,
    DateTimeOffset SignedAt,
    CsCadence Cadence,
    string StageId,
    string? CopyId,
    CsCarryOverOutcome Outcome,
    string? Message);
