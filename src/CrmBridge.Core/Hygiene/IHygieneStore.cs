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

    /// <summary>
    /// The id of the first present deal of the connection after <paramref name="afterId"/> (first of all when null), in
    /// the order <see cref="Storage.ICrmStore.StreamDealsAsync"/> uses, read without mapping the row: how a sweep names
    /// and steps over a stored row that cannot be read.
    /// </summary>
    Task<string?> GetNextDealIdAsync(string connection, string? afterId, CancellationToken cancellationToken);

    /// <summary>The connection's present deals with an id after <paramref name="afterId"/>, streamed in id order.</summary>
    IAsyncEnumerable<Model.Deal> StreamDealsAfterAsync(string connection, string afterId, CancellationToken cancellationToken);

    /// <summary>
    /// The connection's present deals in id order (after <paramref name="afterId"/> when given), read for a sweep: the
    /// members every sweep needs and the optional <paramref name="members"/>; the others keep their defaults and
    /// <see cref="Model.Deal.Connection"/> is <paramref name="connection"/>. Streamed, never buffered.
    /// </summary>
    IAsyncEnumerable<Model.Deal> StreamSweepDealsAsync(string connection, string? afterId, HygieneDealMembers members, CancellationToken cancellationToken);

    /// <summary>The latest completed sweeps of a connection, newest first.</summary>
    Task<IReadOnlyList<HygieneSweepRecord>> GetSweepsAsync(string connection, int limit, CancellationToken cancellationToken);
}
