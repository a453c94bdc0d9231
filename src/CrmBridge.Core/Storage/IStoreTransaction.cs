using CrmBridge.Core.Model;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;

namespace CrmBridge.Core.Storage;

/// <summary>
/// The write surface of the mirror: everything done through one transaction lands together on
/// <see cref="CommitAsync"/>, or not at all when it is disposed without a commit.
/// </summary>
public interface IStoreTransaction : IAsyncDisposable
{
    /// <summary>
    /// Inserts or updates deals in bulk (one batch, not row by row). A deal whose stage differs from the stored one gets a
    /// <see cref="StageTransition"/> (a new deal gets one from null). A removed deal that reappears is restored.
    /// </summary>
    Task<DealUpsertResult> UpsertDealsAsync(IReadOnlyList<Deal> deals, DealUpsertContext context, CancellationToken cancellationToken);

    Task UpsertCompaniesAsync(IReadOnlyList<Company> companies, CancellationToken cancellationToken);

    Task UpsertContactsAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken);

    /// <summary>Replaces the connection's pipelines and stages with these.</summary>
    Task ReplacePipelinesAsync(string connection, IReadOnlyList<Pipeline> pipelines, CancellationToken cancellationToken);

    /// <summary>Replaces the connection's owners with these.</summary>
    Task ReplaceOwnersAsync(string connection, IReadOnlyList<Owner> owners, CancellationToken cancellationToken);

    Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken);

    /// <summary>Marks deals as removed from the CRM; returns how many were present and are now removed.</summary>
    Task<int> RemoveDealsAsync(string connection, IReadOnlyCollection<string> externalIds, DateTimeOffset removedAt, CancellationToken cancellationToken);

    /// <summary>Marks as removed every present deal of the connection that the given full-sync run did not see.</summary>
    Task<int> RemoveDealsNotSeenInRunAsync(string connection, string syncRunId, DateTimeOffset removedAt, CancellationToken cancellationToken);

    /// <summary>Adds an audit entry and returns its id.</summary>
    Task<long> AddAuditEntryAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Records how a pending write ended.</summary>
    Task CompleteAuditEntryAsync(long id, AuditOutcome outcome, string? entityId, string? after, string? error, DateTimeOffset completedAt, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
