namespace CrmBridge.Core.Hygiene;

/// <summary>
/// The findings of one sweep, written inside one transaction. A finding that matches an open one (same deal and
/// <see cref="HygieneFinding.Key"/>) keeps its first-seen time; open findings this sweep did not report resolve on
/// <see cref="CompleteAsync"/>. Disposing without completing rolls everything back.
/// </summary>
public interface IHygieneSweepWriter : IAsyncDisposable
{
    /// <summary>Adds a batch of findings; each (deal, key) at most once per sweep.</summary>
    Task AddFindingsAsync(IReadOnlyList<HygieneFinding> findings, CancellationToken cancellationToken);

    /// <summary>Resolves what was not seen again, records the sweep, and commits.</summary>
    Task<HygieneSweepRecord> CompleteAsync(HygieneSweepTotals totals, CancellationToken cancellationToken);
}
