using CrmBridge.Core.Sync;

namespace CrmBridge.Core.Tests.Sync;

public sealed class IncrementalWindowTests
{
    private static readonly DateTimeOffset RunStart = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    [Fact]
    public void IncrementalWindowStart_WhenNewestChangeIsOld_StartsJustAfterIt()
    {
        var newest = RunStart.AddHours(-2);

        var start = SyncEngine.IncrementalWindowStart(Cursor(newest), Overlap);

        Assert.Equal(newest.AddMilliseconds(1), start);
    }

    [Fact]
    public void IncrementalWindowStart_WhenNewestChangeIsWithinOverlapOfRunStart_ReachesBackTheOverlap()
    {
        var newest = RunStart.AddMinutes(-1);

        var start = SyncEngine.IncrementalWindowStart(Cursor(newest), Overlap);

        Assert.Equal(RunStart - Overlap, start);
    }

    private static SyncCursor Cursor(DateTimeOffset highWaterMark) => new(
        "c", SyncCursor.DealsEntity, "run", RunIsFull: false, InProgress: false, RunModifiedSince: null, PageToken: null,
        HighWaterMark: highWaterMark, RunMaxModified: null, RunStartedAt: RunStart, LastCompletedAt: RunStart, LastFullSyncAt: RunStart);
}
