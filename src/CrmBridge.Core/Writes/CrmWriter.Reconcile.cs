using CrmBridge.Core.Adapters;

namespace CrmBridge.Core.Writes;

/// <summary>Task and note creates: finding, by the marker in their text, a record an earlier attempt left in the CRM.</summary>
public sealed partial class CrmWriter
{
    private static readonly AuditOutcome[] AttemptsThatMayHaveLanded = [AuditOutcome.Pending, AuditOutcome.Failed];

    private static string? MarkerOf(string? idempotencyKey) =>
        string.IsNullOrEmpty(idempotencyKey) ? null : CrmRecordMarker.For(idempotencyKey);

    private static Func<ICrmAdapter, CancellationToken, Task<(string EntityId, string After)?>>? FindBy<T>(
        string? marker, Func<ICrmAdapter, string, CancellationToken, Task<T?>> find, Func<T, string> idOf)
        where T : class
    {
        if (marker is null)
        {
            return null;
        }

        return async (adapter, ct) => await find(adapter, marker, ct) is { } found ? (idOf(found), Serialize(found)) : null;
    }

    /// <summary>
    /// Asks the CRM only when an earlier attempt with the same key may have reached it: one still Pending (the process died
    /// between sending and recording the answer) or one that Failed (a lost answer fails too, though the CRM may have acted).
    /// </summary>
    private async Task<(string EntityId, string After)?> FindReachedCrmAsync(
        ICrmAdapter adapter,
        string connection,
        string? key,
        Func<ICrmAdapter, CancellationToken, Task<(string EntityId, string After)?>> find,
        CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }

        // Asked by outcome rather than among the newest entries, so any number of dry runs since cannot hide the attempt.
        foreach (var outcome in AttemptsThatMayHaveLanded)
        {
            var earlier = await store.GetAuditEntriesAsync(new AuditQuery(connection, key, Outcome: outcome, Limit: 1), cancellationToken);
            if (earlier.Count > 0)
            {
                return await find(adapter, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>Records a record found in the CRM as the successful outcome of this write, as a deal found by its marker is.</summary>
    private async Task<WriteResult> ReconcileAsync(AuditEntry entry, string entityId, string after, CancellationToken cancellationToken)
    {
        var id = await AddAsync(entry with { EntityId = entityId, Outcome = AuditOutcome.Succeeded, After = after, CompletedAt = time.GetUtcNow() }, cancellationToken);
        return new WriteResult(id, AuditOutcome.Succeeded, entityId, AlreadyDone: true);
    }
}
