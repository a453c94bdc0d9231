using CrmBridge.Core.Model;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;

namespace CrmBridge.Core.Storage;

/// <summary>
/// The read surface of the local mirror. Writes go through <see cref="BeginAsync"/>.
/// Removed deals (deleted, archived or merged in the CRM) are never returned by reads.
/// </summary>
public interface ICrmStore
{
    /// <summary>Applies pending schema migrations; safe to call on every start and from several processes.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken);

    Task<SyncCursor?> GetCursorAsync(string connection, string entity, CancellationToken cancellationToken);

    Task<Deal?> GetDealAsync(string connection, string externalId, CancellationToken cancellationToken);

    /// <summary>Streams deals ordered by connection and external id, without loading them all.</summary>
    IAsyncEnumerable<Deal> StreamDealsAsync(DealQuery query, CancellationToken cancellationToken);

    Task<long> CountDealsAsync(DealQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(string connection, CancellationToken cancellationToken);

    Task<IReadOnlyList<Owner>> GetOwnersAsync(string connection, CancellationToken cancellationToken);

    Task<IReadOnlyList<Company>> GetCompaniesAsync(string connection, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<Contact>> GetContactsAsync(string connection, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken);

    /// <summary>Companies and contacts that present deals link to but the mirror does not hold yet.</summary>
    Task<RelatedIds> GetMissingRelatedIdsAsync(string connection, CancellationToken cancellationToken);

    /// <summary>Observed stage transitions in the order they were recorded; <paramref name="dealId"/> null for all deals of the connection.</summary>
    Task<IReadOnlyList<StageTransition>> GetStageTransitionsAsync(string connection, string? dealId, CancellationToken cancellationToken);

    Task<AuditEntry?> GetAuditEntryAsync(long id, CancellationToken cancellationToken);

    /// <summary>Audit entries newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditEntriesAsync(AuditQuery query, CancellationToken cancellationToken);
}
