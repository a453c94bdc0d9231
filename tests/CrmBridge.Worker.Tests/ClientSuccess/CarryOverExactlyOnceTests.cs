using CrmBridge.Core.ClientSuccess;
using CrmBridge.Core.Writes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CrmBridge.Worker.Tests.ClientSuccess.ClientSuccessHarness;

namespace CrmBridge.Worker.Tests.ClientSuccess;

/// <summary>
/// Exactly once under failure: a carry-over killed at every point between recording the intent and completing it, then
/// run again by a fresh worker once the dead run's claim has expired, leaves exactly one copy of every won deal; so do
/// two workers running at once.
/// </summary>
public sealed class CarryOverExactlyOnceTests
{
    public static TheoryData<CarryOverStep> Steps { get; } = new(Enum.GetValues<CarryOverStep>());

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task CarryOver_KilledAfterAStepThenRerun_LeavesExactlyOneCopyOfEachWonDeal(CarryOverStep crashAfter)
    {
        await using var harness = new ClientSuccessHarness(deals: 60);
        harness.Config[$"{ClientSuccessOptions.SectionName}:TagOriginal"] = "true";
        harness.Config[$"{ClientSuccessOptions.SectionName}:TagField"] = CrmBridge.Core.Model.CanonicalFields.DealSource;
        harness.Config[$"{ClientSuccessOptions.SectionName}:TagValue"] = "referral";
        foreach (var crm in harness.Sandbox.Crms)
        {
            var crashing = new CrashingObserver(crashAfter);
            var first = await harness.StartHostAsync(s => s.Replace(ServiceDescriptor.Singleton<ICarryOverObserver>(crashing)));
            await SyncAsync(first, crm);
            var before = crm.DealCount;

            await Assert.ThrowsAsync<SimulatedCrashException>(() => CarryOverAsync(first, crm));
            var stranded = await first.GetCsStore().GetCarryOverAsync(ConnectionOf(crm), crashing.CrashedOn!, CancellationToken.None);
            Assert.NotNull(stranded);

            // A rerun inside the dead run's claim leaves that deal alone rather than risk a second copy.
            var early = await harness.StartHostAsync();
            var blocked = await CarryOverAsync(early, crm);
            Assert.Equal(crashAfter == CarryOverStep.Completed ? CsCarryOverOutcome.Created : CsCarryOverOutcome.InProgressElsewhere,
                blocked.Items.SingleOrDefault(i => i.OriginalId == crashing.CrashedOn)?.Outcome ?? CsCarryOverOutcome.Created);

            harness.Time.Advance(TimeSpan.FromMinutes(11));
            var rerun = await CarryOverAsync(early, crm);

            Assert.True(rerun.Items.All(i => i.Outcome is CsCarryOverOutcome.Reconciled or CsCarryOverOutcome.Created), string.Join("; ", rerun.Items.Select(i => $"{i.OriginalId} {i.Outcome} {i.Message}")));
            Assert.Equal(before + harness.WonDeals.Count, crm.DealCount);
            var copies = await harness.CopiesPerOriginalAsync(early, crm);
            Assert.Equal(harness.WonDeals.Count, copies.Count);
            Assert.All(copies, c => Assert.Equal(1, c.Value));
            var records = await early.GetCsStore().GetCarryOversAsync(ConnectionOf(crm), CancellationToken.None);
            Assert.All(records, r => Assert.Equal(CarryOverState.Completed, r.State));
            var notes = (await AuditAsync(early, crm)).Where(a => a is { Operation: AuditOperation.AddNote, Outcome: AuditOutcome.Succeeded }).ToList();
            Assert.Equal(harness.WonDeals.Count, notes.Select(n => n.IdempotencyKey).Distinct().Count());
            Assert.Equal(harness.WonDeals.Count, notes.Count);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CarryOver_AnswerToTheCreateLost_FindsTheCopyByItsMarkerOnTheRerun(bool asCrash)
    {
        await using var harness = new ClientSuccessHarness(deals: 60);
        foreach (var crm in harness.Sandbox.Crms)
        {
            var first = await harness.StartHostAsync(s => LostResponseAdapters.Install(s, asCrash));
            await SyncAsync(first, crm);
            var before = crm.DealCount;

            if (asCrash)
            {
                await Assert.ThrowsAsync<SimulatedCrashException>(() => CarryOverAsync(first, crm));
            }
            else
            {
                var failed = await CarryOverAsync(first, crm);
                Assert.Equal(1, failed.Count(CsCarryOverOutcome.Failed));
            }

            Assert.True(crm.DealCount > before);
            harness.Time.Advance(TimeSpan.FromMinutes(11));
            var second = await harness.StartHostAsync();
            var rerun = await CarryOverAsync(second, crm);

            Assert.Equal(1, rerun.Count(CsCarryOverOutcome.Reconciled));
            Assert.Equal(before + harness.WonDeals.Count, crm.DealCount);
            Assert.All(await harness.CopiesPerOriginalAsync(second, crm), c => Assert.Equal(1, c.Value));
        }
    }

    [Fact]
    public async Task CarryOver_TwoWorkersAtOnce_MakeOneCopyOfEachWonDeal()
    {
        await using var harness = new ClientSuccessHarness(deals: 120);
        var workerA = await harness.StartHostAsync();
        var workerB = await harness.StartHostAsync();
        foreach (var crm in harness.Sandbox.Crms)
        {
            await SyncAsync(workerA, crm);
            var before = crm.DealCount;

            var reports = await Task.WhenAll(Task.Run(() => CarryOverAsync(workerA, crm)), Task.Run(() => CarryOverAsync(workerB, crm)));

            Assert.Equal(harness.WonDeals.Count, reports.Sum(r => r.Count(CsCarryOverOutcome.Created)));
            Assert.Equal(before + harness.WonDeals.Count, crm.DealCount);
            Assert.All(await harness.CopiesPerOriginalAsync(workerA, crm), c => Assert.Equal(1, c.Value));
            var creates = (await AuditAsync(workerA, crm)).Where(a => a is { Operation: AuditOperation.CreateDeal, Outcome: AuditOutcome.Succeeded }).ToList();
            Assert.Equal(harness.WonDeals.Count, creates.Count);
        }
    }

    [Fact]
    public async Task Advance_TwoWorkersAtOnce_CreateEachPlanTaskOnce()
    {
        await using var harness = new ClientSuccessHarness(deals: 120);
        var workerA = await harness.StartHostAsync();
        var workerB = await harness.StartHostAsync();
        foreach (var crm in harness.Sandbox.Crms)
        {
            await SyncAsync(workerA, crm);
            await CarryOverAsync(workerA, crm);

            var reports = await Task.WhenAll(Task.Run(() => AdvanceAsync(workerA, crm)), Task.Run(() => AdvanceAsync(workerB, crm)));

            var tasks = await workerA.GetCsStore().GetPlanTasksAsync(ConnectionOf(crm), null, CancellationToken.None);
            Assert.NotEmpty(tasks);
            Assert.Equal(tasks.Count, reports.Sum(r => r.CountTasks(CsTaskOutcome.Created)));
            var created = (await AuditAsync(workerA, crm)).Where(a => a is { Operation: AuditOperation.CreateTask, Outcome: AuditOutcome.Succeeded }).ToList();
            Assert.Equal(tasks.Count, created.Count);
            Assert.Equal(tasks.Count, created.Select(a => a.IdempotencyKey).Distinct().Count());
        }
    }
}
