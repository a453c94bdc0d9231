namespace CrmBridge.Core.Sync;

/// <summary>
/// Where a connection's sync of one entity stands. Saved after every page, so a failed run resumes at
/// <see cref="PageToken"/> instead of starting over.
/// </summary>
/// <param name="RunId">The run in progress, or the last one when <see cref="InProgress"/> is false.</param>
/// <param name="RunIsFull">The run reads everything (and reconciles removals at its end).</param>
/// <param name="RunModifiedSince">The incremental window's start the run uses; null for a full run.</param>
/// <param name="PageToken">The next page to read in the run in progress.</param>
/// <param name="HighWaterMark">The latest modification time seen by completed runs; the next window starts there less the overlap.</param>
/// <param name="RunMaxModified">The latest modification time seen so far by the run in progress.</param>
public sealed record SyncCursor(
    string Connection,
    string Entity,
    string RunId,
    bool RunIsFull,
    bool InProgress,
    DateTimeOffset? RunModifiedSince,
    string? PageToken,
    DateTimeOffset? HighWaterMark,
    DateTimeOffset? RunMaxModified,
    DateTimeOffset RunStartedAt,
    DateTimeOffset? LastCompletedAt,
    DateTimeOffset? LastFullSyncAt)
{
    public const string DealsEntity = "deals";
}
