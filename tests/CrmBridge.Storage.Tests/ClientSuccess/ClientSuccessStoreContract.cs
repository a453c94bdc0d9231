using CrmBridge.Core.ClientSuccess;

namespace CrmBridge.Storage.Tests.ClientSuccess;

/// <summary>
/// What every <see cref="IClientSuccessStore"/> must do. Each test uses its own connection name, so a backend may share one
/// migrated database across the class. The PostgreSQL subclass overrides every test to carry [PostgresFact].
/// </summary>
public abstract class ClientSuccessStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 15, 30, 123, 456, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly List<IAsyncDisposable> _stores = [];
    private IClientSuccessStore? _store;

    protected string Connection { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    protected IClientSuccessStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync() => _store = Track(await OpenStoreAsync());

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await DisposeBackendAsync();
    }

    [Fact]
    public virtual async Task TryClaimCarryOverAsync_NewIntent_RecordsEveryMemberAndClaims()
    {
        var claim = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, retryRejected: false, default);

        Assert.Equal(CarryOverClaimOutcome.Claimed, claim.Outcome);
        Assert.True(claim.Held);
        var record = await Store.GetCarryOverAsync(Connection, "d1", default);
        Assert.NotNull(record);
        Assert.Equal(claim.Record, record);
        Assert.Equal("Орион - внедрение", record.OriginalName);
        Assert.Equal(CsMarkers.CarryOver(Connection, "d1"), record.Marker);
        Assert.Equal(T0.AddDays(-40), record.SignedAt);
        Assert.Equal(CsCadence.Monthly, record.Cadence);
        Assert.True(record.MonthlyBilling);
        Assert.Equal("cs-manager", record.OwnerId);
        Assert.Equal(CarryOverState.Pending, record.State);
        Assert.Equal("run-a", record.ClaimedBy);
        Assert.Equal(T0 + Lease, record.LeaseUntil);
        Assert.Equal(1, record.Attempts);
        Assert.Null(record.CopyId);
        Assert.Equal((0, 1, "month1"), (record.Cycle, record.Period, record.StageId));
        Assert.Equal(T0, record.IntentAt);
        Assert.Null(record.LinkedAt);
    }

    [Fact]
    public virtual async Task TryClaimCarryOverAsync_WhileAnotherRunsClaimIsLive_ReturnsBusy()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        var second = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-b", T0.AddMinutes(9), Lease, false, default);

        Assert.Equal(CarryOverClaimOutcome.Busy, second.Outcome);
        Assert.False(second.Held);
        Assert.Equal("run-a", second.Record.ClaimedBy);
    }

    [Fact]
    public virtual async Task TryClaimCarryOverAsync_AfterTheClaimExpires_ResumesAndCountsTheAttempt()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        var second = await Store.TryClaimCarryOverAsync(Intent("d1") with { OwnerId = "someone-else" }, "run-b", T0 + Lease, Lease, false, default);

        Assert.Equal(CarryOverClaimOutcome.Resumed, second.Outcome);
        Assert.Equal("run-b", second.Record.ClaimedBy);
        Assert.Equal(T0 + Lease + Lease, second.Record.LeaseUntil);
        Assert.Equal(2, second.Record.Attempts);
        Assert.Equal("cs-manager", second.Record.OwnerId);
    }

    [Fact]
    public virtual async Task TryClaimCarryOverAsync_SameRunAgain_Resumes()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        var again = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0.AddMinutes(1), Lease, false, default);

        Assert.Equal(CarryOverClaimOutcome.Resumed, again.Outcome);
    }

    [Fact]
    public virtual async Task TryClaimCarryOverAsync_ManyRunsOnTwoStoresAtOnce_ExactlyOneHoldsEachDeal()
    {
        var other = Track(await OpenStoreAsync());
        var deals = Enumerable.Range(1, 5).Select(i => "d" + i).ToList();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(run => deals.Select(deal =>
            Task.Run(() => (run % 2 == 0 ? Store : other).TryClaimCarryOverAsync(Intent(deal), "run-" + run, T0, Lease, false, default)))));

        foreach (var deal in deals)
        {
            var forDeal = claims.Where(c => c.Record.OriginalId == deal).ToList();
            Assert.Equal(8, forDeal.Count);
            Assert.Single(forDeal, c => c.Held);
            Assert.All(forDeal.Where(c => !c.Held), c => Assert.Equal(CarryOverClaimOutcome.Busy, c.Outcome));
        }

        Assert.Equal(5, (await Store.GetCarryOversAsync(Connection, default)).Count);
    }

    [Fact]
    public virtual async Task RecordCarryOverCopyAsync_ThenComplete_LinksAndNeverClaimsAgain()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        await Store.RecordCarryOverCopyAsync(Connection, "d1", "copy-1", T0.AddSeconds(1), default);
        var linked = await Store.GetCarryOverAsync(Connection, "d1", default);
        await Store.CompleteCarryOverAsync(Connection, "d1", T0.AddSeconds(2), default);
        var completed = await Store.GetCarryOverAsync(Connection, "d1", default);
        var later = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-b", T0.AddDays(1), Lease, retryRejected: true, default);

        Assert.Equal((CarryOverState.Linked, "copy-1", T0.AddSeconds(1)), (linked!.State, linked.CopyId, linked.LinkedAt));
        Assert.Equal(CarryOverState.Completed, completed!.State);
        Assert.Equal(T0.AddSeconds(2), completed.CompletedAt);
        Assert.Null(completed.ClaimedBy);
        Assert.Null(completed.LeaseUntil);
        Assert.Equal(CarryOverClaimOutcome.Completed, later.Outcome);
        Assert.False(later.Held);
    }

    [Fact]
    public virtual async Task RecordCarryOverCopyAsync_SameCopyAgain_IsAccepted_OtherCopy_Throws()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);
        await Store.RecordCarryOverCopyAsync(Connection, "d1", "copy-1", T0, default);

        await Store.RecordCarryOverCopyAsync(Connection, "d1", "copy-1", T0.AddMinutes(1), default);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.RecordCarryOverCopyAsync(Connection, "d1", "copy-2", T0, default));

        Assert.Equal(T0, (await Store.GetCarryOverAsync(Connection, "d1", default))!.LinkedAt);
    }

    [Fact]
    public virtual async Task RecordCarryOverCopyAsync_CopyOfAnotherDeal_IsRefusedByTheUniqueIndex()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);
        await Store.TryClaimCarryOverAsync(Intent("d2"), "run-a", T0, Lease, false, default);
        await Store.RecordCarryOverCopyAsync(Connection, "d1", "copy-1", T0, default);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.RecordCarryOverCopyAsync(Connection, "d2", "copy-1", T0, default));
    }

    [Fact]
    public virtual async Task CompleteCarryOverAsync_WithoutCopy_Throws()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CompleteCarryOverAsync(Connection, "d1", T0, default));
    }

    [Fact]
    public virtual async Task ReleaseCarryOverAsync_DroppingTheLease_LetsTheNextRunResumeAtOnce()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        await Store.ReleaseCarryOverAsync(Connection, "d1", "run-a", "429", keepLease: false, default);
        var next = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-b", T0.AddSeconds(1), Lease, false, default);

        Assert.Equal(CarryOverClaimOutcome.Resumed, next.Outcome);
        Assert.Equal("429", next.Record.Error);
    }

    [Fact]
    public virtual async Task ReleaseCarryOverAsync_KeepingTheLease_KeepsOtherRunsOutUntilItExpires()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        await Store.ReleaseCarryOverAsync(Connection, "d1", "run-a", "timeout", keepLease: true, default);
        var early = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-b", T0.AddMinutes(1), Lease, false, default);
        var late = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-c", T0 + Lease, Lease, false, default);

        Assert.Equal(CarryOverClaimOutcome.Busy, early.Outcome);
        Assert.Equal("timeout", early.Record.Error);
        Assert.Equal(CarryOverClaimOutcome.Resumed, late.Outcome);
    }

    [Fact]
    public virtual async Task ReleaseCarryOverAsync_ByAnotherRun_ChangesNothing()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        await Store.ReleaseCarryOverAsync(Connection, "d1", "run-b", "not mine", keepLease: false, default);

        var record = await Store.GetCarryOverAsync(Connection, "d1", default);
        Assert.Equal("run-a", record!.ClaimedBy);
        Assert.Null(record.Error);
    }

    [Fact]
    public virtual async Task RejectCarryOverAsync_IsClaimedAgainOnlyWhenRetryingRejected()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);

        await Store.RejectCarryOverAsync(Connection, "d1", "run-a", "VALIDATION_ERROR: amount", default);
        var plain = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-b", T0.AddDays(1), Lease, retryRejected: false, default);
        var retry = await Store.TryClaimCarryOverAsync(Intent("d1"), "run-c", T0.AddDays(1), Lease, retryRejected: true, default);

        Assert.Equal(CarryOverClaimOutcome.Rejected, plain.Outcome);
        Assert.Equal("VALIDATION_ERROR: amount", plain.Record.Error);
        Assert.Equal(CarryOverClaimOutcome.Resumed, retry.Outcome);
        Assert.Equal(CarryOverState.Pending, retry.Record.State);
    }

    [Fact]
    public virtual async Task SaveCalendarPositionAsync_LinkedDeal_StoresCyclePeriodAndStage()
    {
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);
        await Store.RecordCarryOverCopyAsync(Connection, "d1", "copy-1", T0, default);

        await Store.SaveCalendarPositionAsync(Connection, "d1", 2, 11, "month11", T0.AddDays(700), default);

        var record = await Store.GetCarryOverAsync(Connection, "d1", default);
        Assert.Equal((2, 11, "month11", T0.AddDays(700)), (record!.Cycle, record.Period, record.StageId, record.AdvancedAt));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SaveCalendarPositionAsync(Connection, "unknown", 0, 1, "month1", T0, default));
    }

    [Fact]
    public virtual async Task GetCarryOversAsync_OtherConnection_IsNotReturned()
    {
        await Store.TryClaimCarryOverAsync(Intent("d2"), "run-a", T0, Lease, false, default);
        await Store.TryClaimCarryOverAsync(Intent("d1"), "run-a", T0, Lease, false, default);
        await Store.TryClaimCarryOverAsync(Intent("d1") with { Connection = Connection + "-other" }, "run-a", T0, Lease, false, default);

        var records = await Store.GetCarryOversAsync(Connection, default);

        Assert.Equal(["d1", "d2"], records.Select(r => r.OriginalId));
    }

    [Fact]
    public virtual async Task TryClaimPlanTaskAsync_SameKey_ClaimsOnceAndNeverAfterItIsRecorded()
    {
        var task = PlanTask("k1", "copy-1", 0, 1);

        var first = await Store.TryClaimPlanTaskAsync(task, "run-a", T0, Lease, default);
        var busy = await Store.TryClaimPlanTaskAsync(task, "run-b", T0.AddMinutes(1), Lease, default);
        await Store.RecordPlanTaskAsync(Connection, "k1", "task-9", T0.AddMinutes(2), default);
        var afterRecord = await Store.TryClaimPlanTaskAsync(task, "run-c", T0.AddDays(1), Lease, default);

        Assert.True(first);
        Assert.False(busy);
        Assert.False(afterRecord);
        var stored = Assert.Single(await Store.GetPlanTasksAsync(Connection, "copy-1", default));
        Assert.Equal((PlanTaskState.Created, "task-9", T0.AddMinutes(2), 1), (stored.State, stored.TaskId, stored.CreatedAt, stored.Attempts));
        Assert.Equal(("Onboarding", T0.AddDays(7), T0, "deal-1"), (stored.Subject, stored.DueAt, stored.RequestedAt, stored.OriginalId));
        Assert.Null(stored.ClaimedBy);
    }

    [Fact]
    public virtual async Task TryClaimPlanTaskAsync_AfterTheClaimExpiresOrIsDropped_ClaimsAgain()
    {
        await Store.TryClaimPlanTaskAsync(PlanTask("k1", "copy-1", 0, 1), "run-a", T0, Lease, default);
        await Store.TryClaimPlanTaskAsync(PlanTask("k2", "copy-1", 0, 1), "run-a", T0, Lease, default);

        await Store.ReleasePlanTaskAsync(Connection, "k2", "run-a", "429", keepLease: false, default);
        var expired = await Store.TryClaimPlanTaskAsync(PlanTask("k1", "copy-1", 0, 1), "run-b", T0 + Lease, Lease, default);
        var dropped = await Store.TryClaimPlanTaskAsync(PlanTask("k2", "copy-1", 0, 1), "run-b", T0.AddSeconds(1), Lease, default);

        Assert.True(expired);
        Assert.True(dropped);
        var k2 = (await Store.GetPlanTasksAsync(Connection, null, default)).Single(t => t.IdempotencyKey == "k2");
        Assert.Equal((2, "429", "run-b"), (k2.Attempts, k2.Error, k2.ClaimedBy));
    }

    [Fact]
    public virtual async Task TryClaimPlanTaskAsync_ManyRunsAtOnce_ExactlyOneWins()
    {
        var other = Track(await OpenStoreAsync());

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(run =>
            Task.Run(() => (run % 2 == 0 ? Store : other).TryClaimPlanTaskAsync(PlanTask("k1", "copy-1", 0, 1), "run-" + run, T0, Lease, default))));

        Assert.Single(claims, c => c);
    }

    [Fact]
    public virtual async Task GetPlanTasksAsync_FiltersByCopy_AndOrdersByCyclePeriodKey()
    {
        await Store.TryClaimPlanTaskAsync(PlanTask("b", "copy-1", 1, 1), "run", T0, Lease, default);
        await Store.TryClaimPlanTaskAsync(PlanTask("a", "copy-1", 0, 2), "run", T0, Lease, default);
        await Store.TryClaimPlanTaskAsync(PlanTask("c", "copy-1", 0, 2), "run", T0, Lease, default);
        await Store.TryClaimPlanTaskAsync(PlanTask("z", "copy-2", 0, 1), "run", T0, Lease, default);

        var forCopy = await Store.GetPlanTasksAsync(Connection, "copy-1", default);
        var all = await Store.GetPlanTasksAsync(Connection, null, default);

        Assert.Equal(["a", "c", "b"], forCopy.Select(t => t.IdempotencyKey));
        Assert.Equal(4, all.Count);
    }

    protected abstract Task<IClientSuccessStore> OpenStoreAsync();

    protected virtual Task DisposeBackendAsync() => Task.CompletedTask;

    private IClientSuccessStore Track(IClientSuccessStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            _stores.Add(disposable);
        }

        return store;
    }

    private CarryOverIntent Intent(string dealId) => new(
        Connection,
        dealId,
        "Орион - внедрение",
        CsMarkers.CarryOver(Connection, dealId),
        T0.AddDays(-40),
        CsCadence.Monthly,
        MonthlyBilling: true,
        "cs-manager",
        "month1");

    private PlanTaskIntent PlanTask(string key, string copyId, int cycle, int period) =>
        new(Connection, key, "deal-1", copyId, cycle, period, key, "Onboarding", T0.AddDays(7));
}
