namespace CrmBridge.Core.Hygiene;

/// <summary>
/// Where hygiene findings and sweeps are kept. A sweep writes through <see cref="BeginSweepAsync"/>: everything lands
/// together when it completes, or nothing when it is disposed without completing.
/// </summary>
public interface IHygieneStore
{
    /// <summary>Starts writing one sweep of a connection; the returned writer holds the store's write transaction.</summary>
    Task<IHygieneSweepWriter> BeginSweepAsync(HygieneSweepStart start, CancellationToken cancellationToken);

    /// <summary>Findings matching the query, ordered by deal id, then key, then first seen.</summary>
    IAsyncEnumerable<HygieneFinding> StreamFindingsAsync(HygieneFindingQuery query, CancellationToken cancellationToken);

    /// <summary>The latest completed sweeps of a connection, newest first.</summary>
    Task<IReadOnlyList<HygieneSweepRecord>> GetSweepsAsync(string connection, int limit, CancellationToken cancellationToken);
}
