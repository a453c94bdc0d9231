namespace CrmBridge.Core.ClientSuccess;

/// <summary>What a run means to do for one won deal, recorded before anything is written to the CRM.</summary>
/// <param name="SignedAt">When the deal was won (its close date): the anchor of its CS calendar.</param>
/// <param name="OwnerId">Who owns the copy: the CS manager, or the sales owner.</param>
/// <param name="StageId">The first period's stage, where the copy is created.</param>
public sealed record CarryOverIntent(
    string Connection,
    string OriginalId,
    string OriginalName,
    string Marker,
    DateTimeOffset SignedAt,
    CsCadence Cadence,
    bool MonthlyBilling,
    string? OwnerId,
    string StageId);
