using System.Diagnostics;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Sync;

/// <summary>
/// Pulls one connection's deals into the mirror, page by page, saving the cursor after every page so a failed run
/// resumes where it stopped. Incremental windows overlap the previous one; a full run removes deals the CRM no longer has.
/// </summary>
public sealed partial class SyncEngine(
    CrmAdapterResolver adapters,
    ICrmStore store,
    CrmRequestMeter meter,
    TimeProvider time,
    IOptions<SyncOptions> options,
    ILogger<SyncEngine> logger)
{
    public async Task<SyncSummary> SyncAsync(string connection, bool full, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var adapter = adapters.Resolve(connection);
        var stopwatch = Stopwatch.StartNew();
        var requestsBefore = meter.Read(connection);
        var cursor = await StartOrResumeRunAsync(adapter, full, cancellationToken);
        LogRunStarting(connection, cursor.RunIsFull, cursor.RunModifiedSince, cursor.PageToken is not null);

        var run = new SyncRun(adapter, cursor);
        await SyncReferenceDataAsync(adapter, cancellationToken);
        await SyncDealPagesAsync(run, progress, cancellationToken);
        await run.Related.FlushAsync(store, final: true, cancellationToken);
        await FetchMissingRelatedAsync(run, cancellationToken);
        var removed = await RemoveGoneDealsAsync(run, cancellationToken);
        await CompleteRunAsync(run, cancellationToken);

        var requests = meter.Read(connection).Since(requestsBefore);
        var summary = new SyncSummary(
            connection, adapter.Kind.ToString(), run.Cursor.RunIsFull, run.DealsFetched,
            run.Upserts.Inserted, run.Upserts.Updated, removed, run.Upserts.StageTransitions,
            run.Related.CompaniesFetched, run.Related.ContactsFetched, run.Skipped,
            requests.Requests, requests.RateLimited, stopwatch.Elapsed);
        LogRunCompleted(connection, summary.DealsFetched, summary.New, summary.Changed, summary.Removed, summary.Requests);
        return summary;
    }

    private async Task<SyncCursor> StartOrResumeRunAsync(ICrmAdapter adapter, bool forceFull, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var previous = await store.GetCursorAsync(adapter.Connection, SyncCursor.DealsEntity, cancellationToken);
        if (previous is { InProgress: true } && (previous.RunIsFull || !forceFull))
        {
            return previous;
        }

        var runIsFull = forceFull
            || previous?.HighWaterMark is null
            || !adapter.Capabilities.SupportsIncremental
            || previous.LastFullSyncAt is null
            || now - previous.LastFullSyncAt.Value >= options.Value.FullSyncEvery;

        var cursor = new SyncCursor(
            adapter.Connection,
            SyncCursor.DealsEntity,
            RunId: Guid.NewGuid().ToString("N"),
            RunIsFull: runIsFull,
            InProgress: true,
            RunModifiedSince: runIsFull ? null : IncrementalWindowStart(previous!, options.Value.Overlap),
            PageToken: null,
            HighWaterMark: previous?.HighWaterMark,
            RunMaxModified: null,
            RunStartedAt: now,
            LastCompletedAt: previous?.LastCompletedAt,
            LastFullSyncAt: previous?.LastFullSyncAt);
        await SaveCursorAsync(cursor, cancellationToken);
        return cursor;
    }

    /// <summary>
    /// Where the next incremental window starts. A change the previous run missed was either newer than the newest change it
    /// saw (the high-water mark) or not yet visible to the CRM's query when the run started (at most <paramref name="overlap"/>
    /// late). So the window starts just after the high-water mark, or, when that is within the overlap of the previous run's
    /// start, at that start less the overlap; deals read twice are recognised as unchanged.
    /// </summary>
    internal static DateTimeOffset IncrementalWindowStart(SyncCursor previous, TimeSpan overlap)
    {
        var justAfterNewest = previous.HighWaterMark!.Value + TimeSpan.FromMilliseconds(1);
        var lateVisibility = previous.RunStartedAt - overlap;
        return justAfterNewest < lateVisibility ? justAfterNewest : lateVisibility;
    }

    private async Task SyncReferenceDataAsync(ICrmAdapter adapter, CancellationToken cancellationToken)
    {
        var pipelines = await adapter.GetPipelinesAsync(cancellationToken);
        var owners = await adapter.GetOwnersAsync(cancellationToken);
        await using var transaction = await store.BeginAsync(cancellationToken);
        await transaction.ReplacePipelinesAsync(adapter.Connection, pipelines, cancellationToken);
        await transaction.ReplaceOwnersAsync(adapter.Connection, owners, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task SyncDealPagesAsync(SyncRun run, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var pages = 0;
        do
        {
            var request = new DealPageRequest(run.Cursor.RunModifiedSince, run.Cursor.PageToken);
            var page = await run.Adapter.GetDealsPageAsync(request, cancellationToken);
            pages++;
            run.DealsFetched += page.Deals.Count;
            run.Skipped += page.Skipped.Count;
            foreach (var skipped in page.Skipped)
            {
                LogRecordSkipped(run.Adapter.Connection, skipped.Entity, skipped.ExternalId, skipped.Reason);
            }

            var maxModified = page.Deals.Count == 0 ? run.Cursor.RunMaxModified : Max(run.Cursor.RunMaxModified, page.Deals.Max(d => d.UpdatedAt));
            var next = run.Cursor with { PageToken = page.NextPageToken, RunMaxModified = maxModified };

            await using (var transaction = await store.BeginAsync(cancellationToken))
            {
                var context = new DealUpsertContext(time.GetUtcNow(), run.Cursor.RunIsFull ? run.Cursor.RunId : null);
                var result = await transaction.UpsertDealsAsync(page.Deals, context, cancellationToken);
                await transaction.SaveCursorAsync(next, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                run.Upserts = run.Upserts.Add(result);
            }

            run.Cursor = next;
            run.Related.Add(page.Deals);
            await run.Related.FlushAsync(store, final: false, cancellationToken);
            progress?.Report(new SyncProgress(run.Adapter.Connection, pages, run.DealsFetched));
        }
        while (run.Cursor.PageToken is not null);
    }

    /// <summary>Deals from an interrupted earlier attempt may link to companies or contacts never fetched: fetch them now.</summary>
    private async Task FetchMissingRelatedAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var missing = await store.GetMissingRelatedIdsAsync(run.Adapter.Connection, cancellationToken);
        run.Related.AddIds(missing.CompanyIds, missing.ContactIds);
        await run.Related.FlushAsync(store, final: true, cancellationToken);
    }

    private async Task<int> RemoveGoneDealsAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var removed = 0;
        if (run.Cursor.RunIsFull)
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            removed = await transaction.RemoveDealsNotSeenInRunAsync(run.Adapter.Connection, run.Cursor.RunId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return removed;
        }

        if (!run.Adapter.Capabilities.HasRemovedDealsFeed)
        {
            return 0;
        }

        string? pageToken = null;
        do
        {
            var page = await run.Adapter.GetRemovedDealsPageAsync(run.Cursor.RunModifiedSince, pageToken, cancellationToken);
            if (page.DealIds.Count > 0)
            {
                await using var transaction = await store.BeginAsync(cancellationToken);
                removed += await transaction.RemoveDealsAsync(run.Adapter.Connection, page.DealIds, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);
        return removed;
    }

    private async Task CompleteRunAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cursor = run.Cursor;
        var completed = cursor with
        {
            InProgress = false,
            PageToken = null,
            HighWaterMark = Max(cursor.HighWaterMark, cursor.RunMaxModified),
            LastCompletedAt = now,
            LastFullSyncAt = cursor.RunIsFull ? cursor.RunStartedAt : cursor.LastFullSyncAt,
        };
        await SaveCursorAsync(completed, cancellationToken);
        run.Cursor = completed;
    }

    private async Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        await transaction.SaveCursorAsync(cursor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Connection} starting: full={Full}, modified since {ModifiedSince}, resuming={Resuming}")]
    private partial void LogRunStarting(string connection, bool full, DateTimeOffset? modifiedSince, bool resuming);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Connection} done: {Fetched} fetched, {New} new, {Changed} changed, {Removed} removed, {Requests} requests")]
    private partial void LogRunCompleted(string connection, int fetched, int @new, int changed, int removed, long requests);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Connection} skipped {Entity} {ExternalId}: {Reason}")]
    private partial void LogRecordSkipped(string connection, string entity, string externalId, string reason);
}
