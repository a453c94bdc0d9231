using CrmBridge.Core.ClientSuccess;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.HubSpot;
using static CrmBridge.Worker.Tests.ClientSuccess.ClientSuccessHarness;

namespace CrmBridge.Worker.Tests.ClientSuccess;

/// <summary>Carry-over and advance through the real adapters, against every CRM dialect of the sandbox.</summary>
public sealed class CarryOverSandboxTests
{
    [Fact]
    public async Task CarryOver_DryRunThenRun_CopiesEveryWonDealOnceWithItsDataIntoMonthOne()
    {
        await using var harness = new ClientSuccessHarness();
        var services = await harness.StartHostAsync();
        foreach (var crm in harness.Sandbox.Crms)
        {
            await SyncAsync(services, crm);
            var won = harness.WonDeals;
            var before = crm.DealCount;
            var originals = won.ToDictionary(d => crm.GetDealId(d.Key), d => crm.GetDealState(crm.GetDealId(d.Key)));

            var dryRun = await CarryOverAsync(services, crm, dryRun: true);

            Assert.Null(dryRun.Problem);
            Assert.Equal(won.Count, dryRun.Count(CsCarryOverOutcome.WouldCreate));
            Assert.Equal(originals.Keys.Order(), dryRun.Items.Select(i => i.OriginalId).Order());
            Assert.Equal(before, crm.DealCount);
            Assert.Equal(won.Count, (await AuditAsync(services, crm)).Count(a => a is { Operation: AuditOperation.CreateDeal, Outcome: AuditOutcome.DryRun }));

            var run = await CarryOverAsync(services, crm);

            Assert.True(run.Count(CsCarryOverOutcome.Created) == won.Count, string.Join("; ", run.Items.Select(i => $"{i.OriginalId} {i.Outcome} {i.Message}")));
            Assert.Equal(before + won.Count, crm.DealCount);
            var csPipeline = crm.GetPipelineId(SandboxStageKeys.ClientSuccessPipeline);
            var monthOne = crm.GetStageId(SandboxStageKeys.ClientSuccessPipeline, SandboxStageKeys.ClientSuccessMonth(1));
            foreach (var item in run.Items)
            {
                var original = originals[item.OriginalId];
                var copy = crm.GetDealState(item.CopyId!);
                Assert.Equal((csPipeline, monthOne), (copy.PipelineId, copy.StageId));
                Assert.Equal((original.Name, original.Amount, original.OwnerId, original.CompanyId), (copy.Name, copy.Amount, copy.OwnerId, copy.CompanyId));
                Assert.Equal(original.ContactIds.Order(), copy.ContactIds.Order());
                Assert.Equal(original.Fields.GetValueOrDefault(CanonicalFields.DealSource), copy.Fields.GetValueOrDefault(CanonicalFields.DealSource));
                AssertSameDeal(original, crm.GetDealState(item.OriginalId));
            }

            var audit = await AuditAsync(services, crm);
            Assert.Equal(won.Count, audit.Count(a => a is { Operation: AuditOperation.CreateDeal, Outcome: AuditOutcome.Succeeded }));
            Assert.Equal(won.Count, audit.Count(a => a is { Operation: AuditOperation.AddNote, Outcome: AuditOutcome.Succeeded }));
            Assert.All(await harness.CopiesPerOriginalAsync(services, crm), c => Assert.Equal(1, c.Value));

            var again = await CarryOverAsync(services, crm);

            Assert.Empty(again.Items);
            Assert.Equal(won.Count, again.AlreadyCarried);
            Assert.Equal(before + won.Count, crm.DealCount);
        }
    }

    [Fact]
    public async Task CarryOver_HubSpot_LinkNoteNamesTheOriginalWithItsUrl()
    {
        await using var harness = new ClientSuccessHarness(deals: 60);
        var services = await harness.StartHostAsync();
        var hubSpot = harness.Sandbox.HubSpot;
        await SyncAsync(services, hubSpot);

        var run = await CarryOverAsync(services, hubSpot);

        var item = run.Items[0];
        var notes = hubSpot.Notes.Select(n => n["hs_note_body"]).ToList();
        Assert.Equal(run.Items.Count, notes.Count);
        Assert.Contains(notes, n => n!.Contains($"(id {item.OriginalId},", StringComparison.Ordinal) && n.Contains($"{hubSpot.BaseUrl}deals/{item.OriginalId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CarryOver_WonLostWon_MakesNoSecondCopy()
    {
        await using var harness = new ClientSuccessHarness(deals: 60);
        var services = await harness.StartHostAsync();
        foreach (var crm in harness.Sandbox.Crms)
        {
            await SyncAsync(services, crm);
            await CarryOverAsync(services, crm);
            var count = crm.DealCount;
            var dealId = crm.GetDealId(harness.WonDeals[0].Key);

            crm.MoveDealToStage(dealId, SandboxStageKeys.SalesPipeline, SandboxStageKeys.Lost);
            await SyncAsync(services, crm, full: false);
            var whileLost = await CarryOverAsync(services, crm);
            crm.MoveDealToStage(dealId, SandboxStageKeys.SalesPipeline, SandboxStageKeys.Won);
            await SyncAsync(services, crm, full: false);
            var wonAgain = await CarryOverAsync(services, crm);

            Assert.Equal(harness.WonDeals.Count - 1, whileLost.AlreadyCarried);
            Assert.Empty(wonAgain.Items);
            Assert.Equal(harness.WonDeals.Count, wonAgain.AlreadyCarried);
            Assert.Equal(count, crm.DealCount);
        }
    }

    [Fact]
    public async Task CarryOver_OwnerMapAndTagOriginal_GivesTheCopyToTheCsManagerAndTagsOnlyAField()
    {
        await using var harness = new ClientSuccessHarness(deals: 60);
        var hubSpot = harness.Sandbox.HubSpot;
        var connection = ConnectionOf(hubSpot);
        var salesOwner = hubSpot.GetDealState(hubSpot.GetDealId(harness.WonDeals[0].Key)).OwnerId!;
        var manager = harness.Sandbox.Dataset.Owners.Select(o => hubSpot.GetOwnerId(o.Key)).First(id => id != salesOwner);
        harness.Config[$"{ClientSuccessOptions.SectionName}:Connections:{connection}:OwnerMap:{salesOwner}"] = manager;
        harness.Config[$"{ClientSuccessOptions.SectionName}:TagOriginal"] = "true";
        harness.Config[$"{ClientSuccessOptions.SectionName}:TagField"] = CanonicalFields.DealSource;
        harness.Config[$"{ClientSuccessOptions.SectionName}:TagValue"] = "referral";
        var services = await harness.StartHostAsync();
        await SyncAsync(services, hubSpot);
        var original = hubSpot.GetDealState(hubSpot.GetDealId(harness.WonDeals[0].Key));

        var run = await CarryOverAsync(services, hubSpot);

        var item = run.Items.Single(i => i.OriginalId == original.Id);
        Assert.Equal(CsCarryOverOutcome.Created, item.Outcome);
        Assert.Equal(manager, hubSpot.GetDealState(item.CopyId!).OwnerId);
        var tagged = hubSpot.GetDealState(original.Id);
        Assert.Equal("referral", tagged.Fields[CanonicalFields.DealSource]);
        Assert.Equal((original.PipelineId, original.StageId, original.Amount, original.OwnerId), (tagged.PipelineId, tagged.StageId, tagged.Amount, tagged.OwnerId));
    }

    [Fact]
    public async Task Advance_AfterCarryOver_MovesEachCopyToItsMonthAndCreatesThatMonthsTasksOnce()
    {
        await using var harness = new ClientSuccessHarness();
        var services = await harness.StartHostAsync();
        foreach (var crm in harness.Sandbox.Crms)
        {
            await SyncAsync(services, crm);
            await CarryOverAsync(services, crm);
            var records = await services.GetCsStore().GetCarryOversAsync(ConnectionOf(crm), CancellationToken.None);
            var utc = TimeZoneInfo.Utc;

            var dryRun = await AdvanceAsync(services, crm, dryRun: true);
            var stagesAfterDryRun = records.Select(r => crm.GetDealState(r.CopyId!).StageId).ToList();
            var run = await AdvanceAsync(services, crm);
            var again = await AdvanceAsync(services, crm);

            Assert.Null(run.Problem);
            Assert.Equal(records.Count, run.Items.Count);
            Assert.All(stagesAfterDryRun, s => Assert.Equal(crm.GetStageId(SandboxStageKeys.ClientSuccessPipeline, "month1"), s));
            var expectedTasks = 0;
            foreach (var record in records)
            {
                var position = CsCalendar.PositionAt(record.SignedAt, CsCadence.Yearly, utc, harness.Time.GetUtcNow());
                var copy = crm.GetDealState(record.CopyId!);
                Assert.Equal(crm.GetStageId(SandboxStageKeys.ClientSuccessPipeline, SandboxStageKeys.ClientSuccessMonth(position.Period)), copy.StageId);
                var planned = CsPlan.TasksFor(CsDefaultPlan.Tasks, position, false, utc);
                var item = run.Items.Single(i => i.CopyId == record.CopyId);
                Assert.Equal(planned.Select(t => t.Key), item.Tasks.Select(t => t.Key));
                Assert.All(item.Tasks, t => Assert.Equal(CsTaskOutcome.Created, t.Outcome));
                expectedTasks += planned.Count;
            }

            Assert.True(expectedTasks > 0, "the dataset should put some copies into a month with planned tasks");
            Assert.Equal(expectedTasks, dryRun.CountTasks(CsTaskOutcome.WouldCreate));
            Assert.Equal(expectedTasks, run.CountTasks(CsTaskOutcome.Created));
            Assert.Equal(0, again.Count(CsAdvanceOutcome.Moved));
            Assert.Equal(0, again.CountTasks(CsTaskOutcome.Created));
            Assert.Equal(expectedTasks, again.CountTasks(CsTaskOutcome.AlreadyCreated));
            Assert.Equal(expectedTasks, (await AuditAsync(services, crm)).Count(a => a is { Operation: AuditOperation.CreateTask, Outcome: AuditOutcome.Succeeded }));
            if (crm is HubSpotSandbox hubSpot)
            {
                Assert.Equal(expectedTasks, hubSpot.Tasks.Count);
            }
        }
    }

    [Fact]
    public async Task Advance_AfterTheTwelfthMonth_StartsTheNextCycleAtMonthOneAndKeepsTheRenewalCount()
    {
        // The clock only moves forward, so each CRM gets a sandbox of its own.
        for (var index = 0; ; index++)
        {
            await using var harness = new ClientSuccessHarness(deals: 60);
            if (index >= harness.Sandbox.Crms.Count)
            {
                break;
            }

            var crm = harness.Sandbox.Crms[index];
            var services = await harness.StartHostAsync();
            await SyncAsync(services, crm);
            await CarryOverAsync(services, crm);
            var store = services.GetCsStore();
            var record = (await store.GetCarryOversAsync(ConnectionOf(crm), CancellationToken.None))[0];
            var anchor = CsCalendar.LocalDate(record.SignedAt, TimeZoneInfo.Utc);
            harness.Time.SetUtcNow(new DateTimeOffset(anchor.AddMonths(11).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(12));

            var month12 = await AdvanceAsync(services, crm);
            harness.Time.SetUtcNow(new DateTimeOffset(anchor.AddMonths(12).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(12));
            var renewed = await AdvanceAsync(services, crm);
            harness.Time.SetUtcNow(new DateTimeOffset(anchor.AddMonths(25).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(12));
            var thirdYear = await AdvanceAsync(services, crm);

            var at12 = month12.Items.Single(i => i.CopyId == record.CopyId);
            Assert.Equal((0, 12), (at12.Cycle, at12.Period));
            Assert.Contains(at12.Tasks, t => t is { Key: "renewal", Outcome: CsTaskOutcome.Created });
            var atRenewal = renewed.Items.Single(i => i.CopyId == record.CopyId);
            Assert.Equal((1, 1, CsAdvanceOutcome.Moved), (atRenewal.Cycle, atRenewal.Period, atRenewal.Outcome));
            Assert.Contains(atRenewal.Tasks, t => t is { Key: "onboarding", Outcome: CsTaskOutcome.Created });
            Assert.Equal(crm.GetStageId(SandboxStageKeys.ClientSuccessPipeline, "month1"), atRenewal.StageId);
            Assert.Equal(crm.GetStageId(SandboxStageKeys.ClientSuccessPipeline, "month2"), crm.GetDealState(record.CopyId!).StageId);
            var atThird = thirdYear.Items.Single(i => i.CopyId == record.CopyId);
            Assert.Equal((2, 2), (atThird.Cycle, atThird.Period));
            var stored = await store.GetCarryOverAsync(ConnectionOf(crm), record.OriginalId, CancellationToken.None);
            Assert.Equal((2, 2), (stored!.Cycle, stored.Period));
        }
    }

    private static readonly string[] NoIds = [];
    private static readonly Dictionary<string, string?> NoFields = [];

    private static void AssertSameDeal(SandboxDealState expected, SandboxDealState actual)
    {
        Assert.Equal(expected with { ContactIds = NoIds, Fields = NoFields }, actual with { ContactIds = NoIds, Fields = NoFields });
        Assert.Equal(expected.ContactIds, actual.ContactIds);
        Assert.Equal(expected.Fields.OrderBy(f => f.Key), actual.Fields.OrderBy(f => f.Key));
    }
}
