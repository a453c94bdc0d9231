namespace CrmBridge.Core.Hygiene;

/// <summary>What a sweep read, stored with it.</summary>
public sealed record HygieneSweepTotals(long DealsSwept, long DealsSkipped, long Findings, DateTimeOffset CompletedAt, IReadOnlyList<HygieneFieldHealth> FieldHealth);
