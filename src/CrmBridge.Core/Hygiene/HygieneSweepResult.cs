namespace CrmBridge.Core.Hygiene;

/// <summary>What one sweep of a connection found: counts by rule and by owner id, field health, and what was skipped.</summary>
/// <param name="Skipped">The first skipped deals with their reasons (at most 100; <see cref="HygieneSweepRecord.DealsSkipped"/> counts them all).</param>
/// <param name="Warnings">Configuration that did not apply (e.g. a pipeline key that names no pipeline).</param>
public sealed record HygieneSweepResult(
    HygieneSweepRecord Sweep,
    IReadOnlyDictionary<string, long> ByRule,
    IReadOnlyDictionary<string, long> ByOwner,
    IReadOnlyList<HygieneSkippedDeal> Skipped,
    IReadOnlyList<string> Warnings)
{
    public string Connection => Sweep.Connection;
}
