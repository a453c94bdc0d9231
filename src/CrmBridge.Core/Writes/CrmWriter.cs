using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Storage;

namespace CrmBridge.Core.Writes;

/// <summary>
/// The only path that changes a CRM. Every write is recorded in the audit log before it is sent (intent) and after
/// (result), a dry run records what it would do without sending, and a write with an idempotency key that already
/// succeeded, or whose marker is found in the CRM, is not sent again.
/// </summary>
public sealed partial class CrmWriter(CrmAdapterResolver adapters, ICrmStore store, TimeProvider time)
{
    // Names in Cyrillic and other scripts stay readable in the audit log instead of turning into \u escapes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task<WriteResult> CreateDealAsync(string connection, NewDeal deal, string actor, bool dryRun, CancellationToken cancellationToken)
    {
        var adapter = adapters.Resolve(connection);
        var key = deal.Marker;
        if (await FindSucceededAsync(connection, key, cancellationToken) is { } earlier)
        {
            return new WriteResult(earlier.Id, earlier.Outcome, earlier.EntityId, AlreadyDone: true);
        }

        var entry = NewEntry(connection, AuditOperation.CreateDeal, "deal", entityId: null, key, actor, before: null, after: Serialize(deal));
        if (dryRun)
        {
            return await RecordDryRunAsync(entry, cancellationToken);
        }

        if (key is not null && await adapter.FindDealByMarkerAsync(key, cancellationToken) is { } existing)
        {
            var reconciled = await AddAsync(entry with { EntityId = existing.ExternalId, Outcome = AuditOutcome.Succeeded, After = Serialize(existing), CompletedAt = time.GetUtcNow() }, cancellationToken);
            return new WriteResult(reconciled, AuditOutcome.Succeeded, existing.ExternalId, AlreadyDone: true);
        }

        return await SendAsync(entry, async ct =>
        {
            var created = await adapter.CreateDealAsync(deal, ct);
            return (created.ExternalId, Serialize(created));
        }, cancellationToken);
    }

    public Task<WriteResult> UpdateDealAsync(string connection, DealUpdate update, string actor, bool dryRun, CancellationToken cancellationToken) =>
        UpdateDealAsync(connection, update, idempotencyKey: null, actor, dryRun, cancellationToken);

    /// <summary>
    /// Updates a deal once per idempotency key: when a write with the key already succeeded, nothing is sent again. An
    /// update sets the same values however often it is repeated, so an earlier attempt that failed or never completed is
    /// simply sent again.
    /// </summary>
    public async Task<WriteResult> UpdateDealAsync(string connection, DealUpdate update, string? idempotencyKey, string actor, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var adapter = adapters.Resolve(connection);
        if (await FindSucceededAsync(connection, idempotencyKey, cancellationToken) is { } earlier)
        {
            return new WriteResult(earlier.Id, earlier.Outcome, earlier.EntityId, AlreadyDone: true);
        }

        var current = await store.GetDealAsync(connection, update.DealId, cancellationToken);
        var entry = NewEntry(connection, AuditOperation.UpdateDeal, "deal", update.DealId, idempotencyKey, actor, current is null ? null : Serialize(current), Serialize(update));
        if (dryRun)
        {
            return await RecordDryRunAsync(entry, cancellationToken);
        }

        return await SendAsync(entry, async ct =>
        {
            var updated = await adapter.UpdateDealAsync(update, ct);
            return (updated.ExternalId, Serialize(updated));
        }, cancellationToken);
    }

    /// <summary>Creates a task once per idempotency key; with a key, the task's body carries the key's <see cref="CrmRecordMarker"/>.</summary>
    public Task<WriteResult> CreateTaskAsync(string connection, NewTask task, string? idempotencyKey, string actor, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var marker = MarkerOf(idempotencyKey);
        var sent = marker is null ? task : task with { Body = CrmRecordMarker.AppendTo(task.Body, marker) };
        return CreateOnceAsync(connection, AuditOperation.CreateTask, "task", sent, idempotencyKey, actor, dryRun, async (adapter, ct) =>
        {
            var created = await adapter.CreateTaskAsync(sent, ct);
            return (created.ExternalId, Serialize(created));
        }, FindBy(marker, (adapter, m, ct) => adapter.FindTaskByMarkerAsync(sent.DealId, m, ct), t => t.ExternalId), cancellationToken);
    }

    /// <summary>Adds a note once per idempotency key; with a key, the note's body carries the key's <see cref="CrmRecordMarker"/>.</summary>
    public Task<WriteResult> AddNoteAsync(string connection, NewNote note, string? idempotencyKey, string actor, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        var marker = MarkerOf(idempotencyKey);
        var sent = marker is null ? note : note with { Body = CrmRecordMarker.AppendTo(note.Body, marker) };
        return CreateOnceAsync(connection, AuditOperation.AddNote, "note", sent, idempotencyKey, actor, dryRun, async (adapter, ct) =>
        {
            var created = await adapter.AddNoteAsync(sent, ct);
            return (created.ExternalId, Serialize(created));
        }, FindBy(marker, (adapter, m, ct) => adapter.FindNoteByMarkerAsync(sent.DealId, m, ct), n => n.ExternalId), cancellationToken);
    }

    /// <summary>
    /// Creates a record unless a write with the same idempotency key already succeeded, or, when an earlier write with
    /// that key never completed or failed, the CRM already holds the record (found by <paramref name="find"/>).
    /// </summary>
    private async Task<WriteResult> CreateOnceAsync<TRequest>(
        string connection,
        AuditOperation operation,
        string entityType,
        TRequest request,
        string? idempotencyKey,
        string actor,
        bool dryRun,
        Func<ICrmAdapter, CancellationToken, Task<(string EntityId, string After)>> create,
        Func<ICrmAdapter, CancellationToken, Task<(string EntityId, string After)?>>? find,
        CancellationToken cancellationToken)
    {
        var adapter = adapters.Resolve(connection);
        if (await FindSucceededAsync(connection, idempotencyKey, cancellationToken) is { } earlier)
        {
            return new WriteResult(earlier.Id, earlier.Outcome, earlier.EntityId, AlreadyDone: true);
        }

        var entry = NewEntry(connection, operation, entityType, entityId: null, idempotencyKey, actor, before: null, after: Serialize(request));
        if (dryRun)
        {
            return await RecordDryRunAsync(entry, cancellationToken);
        }

        if (find is not null && await FindReachedCrmAsync(adapter, connection, idempotencyKey, find, cancellationToken) is { } existing)
        {
            return await ReconcileAsync(entry, existing.EntityId, existing.After, cancellationToken);
        }

        return await SendAsync(entry, ct => create(adapter, ct), cancellationToken);
    }

    private async Task<AuditEntry?> FindSucceededAsync(string connection, string? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }

        var entries = await store.GetAuditEntriesAsync(new AuditQuery(connection, key, Outcome: AuditOutcome.Succeeded, Limit: 1), cancellationToken);
        return entries.Count > 0 ? entries[0] : null;
    }

    private AuditEntry NewEntry(string connection, AuditOperation operation, string entityType, string? entityId, string? key, string actor, string? before, string? after) => new()
    {
        Connection = connection,
        Operation = operation,
        EntityType = entityType,
        EntityId = entityId,
        IdempotencyKey = key,
        Actor = actor,
        Before = before,
        After = after,
        Outcome = AuditOutcome.Pending,
        RequestedAt = time.GetUtcNow(),
    };

    private async Task<WriteResult> RecordDryRunAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var id = await AddAsync(entry with { Outcome = AuditOutcome.DryRun, CompletedAt = entry.RequestedAt }, cancellationToken);
        return new WriteResult(id, AuditOutcome.DryRun, entry.EntityId, AlreadyDone: false);
    }

    private async Task<WriteResult> SendAsync(AuditEntry intent, Func<CancellationToken, Task<(string EntityId, string After)>> send, CancellationToken cancellationToken)
    {
        var id = await AddAsync(intent, cancellationToken);
        (string EntityId, string After) result;
        try
        {
            result = await send(cancellationToken);
        }
        catch (CrmException ex)
        {
            await CompleteAsync(id, AuditOutcome.Failed, intent.EntityId, after: null, ex.Message, CancellationToken.None);
            throw;
        }

        await CompleteAsync(id, AuditOutcome.Succeeded, result.EntityId, result.After, error: null, CancellationToken.None);
        return new WriteResult(id, AuditOutcome.Succeeded, result.EntityId, AlreadyDone: false);
    }

    private async Task<long> AddAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        var id = await transaction.AddAuditEntryAsync(entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private async Task CompleteAsync(long id, AuditOutcome outcome, string? entityId, string? after, string? error, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        await transaction.CompleteAuditEntryAsync(id, outcome, entityId, after, error, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
