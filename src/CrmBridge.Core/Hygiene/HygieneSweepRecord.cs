namespace CrmBridge.Core.Hygiene;

/// <summary>A completed sweep as stored: what it read and found, and how the open findings changed.</summary>
/// <param name="Opened">Findings first seen by this sweep.</param>
/// <param name="Resolved">Open findings this sweep no longer saw, now resolved.</param>
public sealed record HygieneSweepRecord(
    string SweepId,
    string Connection,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    long DealsSwept,
    long DealsSkipped,
    long Findings,
    long Opened,
    long Resolved,
    IReadOnlyList<HygieneFieldHealth> FieldHealth);
