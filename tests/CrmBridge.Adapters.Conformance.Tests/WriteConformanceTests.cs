using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;

namespace CrmBridge.Adapters.Conformance.Tests;

/// <summary>Each write, through the audited writer and the real adapter, checked against what the sandbox CRM now holds.</summary>
public sealed class WriteConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task CreateDeal_InClientSuccessPipeline_LandsWithLinksAndMarkerOnce(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 20);
        await host.InitializeAsync();
        await host.SyncAsync(full: true);
        var dataset = host.Sandbox.Dataset;
        var original = dataset.Deals.First(d => d.CompanyKey is not null && d.ContactKeys.Count > 0);
        var cs = dataset.ClientSuccessPipeline;
        var newDeal = new NewDeal
        {
            Name = original.Name,
            PipelineId = host.Crm.GetPipelineId(cs.Key),
            StageId = host.Crm.GetStageId(cs.Key, cs.Stages[0].Key),
            Amount = 120000m,
            Currency = "RUB",
            OwnerId = host.Crm.GetOwnerId(original.OwnerKey),
            CompanyId = host.Crm.GetCompanyId(original.CompanyKey!),
            ContactIds = [.. original.ContactKeys.Select(host.Crm.GetContactId)],
            Marker = "conformance-" + original.Key,
        };

        var first = await host.Writer.CreateDealAsync(host.Connection.Name, newDeal, "conformance", dryRun: false, CancellationToken.None);
        var again = await host.Writer.CreateDealAsync(host.Connection.Name, newDeal, "conformance", dryRun: false, CancellationToken.None);

        Assert.Equal(AuditOutcome.Succeeded, first.Outcome);
        Assert.True(again.AlreadyDone);
        Assert.Equal(first.EntityId, again.EntityId);
        var state = host.Crm.GetDealState(first.EntityId!);
        Assert.Equal(newDeal.Name, state.Name);
        Assert.Equal(newDeal.PipelineId, state.PipelineId);
        Assert.Equal(newDeal.StageId, state.StageId);
        Assert.Equal(newDeal.Amount, state.Amount);
        Assert.Equal(newDeal.OwnerId, state.OwnerId);
        Assert.Equal(newDeal.CompanyId, state.CompanyId);
        Assert.Equal(newDeal.ContactIds.Order(StringComparer.Ordinal), state.ContactIds.Order(StringComparer.Ordinal));
        Assert.Equal(newDeal.Marker, state.Fields.GetValueOrDefault(CanonicalFields.DealMarker));
        var found = await host.Adapter.FindDealByMarkerAsync(newDeal.Marker, CancellationToken.None);
        Assert.Equal(first.EntityId, found!.ExternalId);
        var audit = await host.Store.GetAuditEntryAsync(first.AuditId, CancellationToken.None);
        Assert.Equal(AuditOperation.CreateDeal, audit!.Operation);
        Assert.Equal(first.EntityId, audit.EntityId);
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task UpdateDeal_RenamesAndMovesAndAuditsBeforeAndAfter(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 20);
        await host.InitializeAsync();
        await host.SyncAsync(full: true);
        var dataset = host.Sandbox.Dataset;
        var seeded = dataset.Deals.First(d => d.Status == DealStatus.Open && d.StageKey != dataset.SalesPipeline.Stages[^3].Key);
        var dealId = host.Crm.GetDealId(seeded.Key);
        var target = host.Crm.GetStageId(dataset.SalesPipeline.Key, dataset.SalesPipeline.Stages[^3].Key);

        var result = await host.Writer.UpdateDealAsync(
            host.Connection.Name,
            new DealUpdate { DealId = dealId, Name = "new-name.ru - New Name", StageId = target },
            "conformance",
            dryRun: false,
            CancellationToken.None);

        var state = host.Crm.GetDealState(dealId);
        Assert.Equal("new-name.ru - New Name", state.Name);
        Assert.Equal(target, state.StageId);
        var audit = await host.Store.GetAuditEntryAsync(result.AuditId, CancellationToken.None);
        Assert.Contains(seeded.Name, audit!.Before, StringComparison.Ordinal);
        Assert.Contains("new-name.ru - New Name", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task UpdateDeal_InDryRun_RecordsButDoesNotWrite(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 5);
        await host.InitializeAsync();
        await host.SyncAsync(full: true);
        var dealId = host.Crm.GetDealId(host.Sandbox.Dataset.Deals[0].Key);
        var before = host.Crm.GetDealState(dealId);

        var result = await host.Writer.UpdateDealAsync(host.Connection.Name, new DealUpdate { DealId = dealId, Name = "dry.run - Dry" }, "conformance", dryRun: true, CancellationToken.None);

        Assert.Equal(AuditOutcome.DryRun, result.Outcome);
        Assert.Equal(before.Name, host.Crm.GetDealState(dealId).Name);
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task CreateTaskAndAddNote_OnADeal_SucceedOnceEach(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 5);
        await host.InitializeAsync();
        var seeded = host.Sandbox.Dataset.Deals[0];
        var dealId = host.Crm.GetDealId(seeded.Key);
        var due = host.Sandbox.Now.AddDays(3);

        var task = await host.Writer.CreateTaskAsync(host.Connection.Name, new NewTask(dealId, host.Crm.GetOwnerId(seeded.OwnerKey), "Fill in the INN", "Hygiene", due), "task-key-1", "conformance", dryRun: false, CancellationToken.None);
        var taskAgain = await host.Writer.CreateTaskAsync(host.Connection.Name, new NewTask(dealId, host.Crm.GetOwnerId(seeded.OwnerKey), "Fill in the INN", "Hygiene", due), "task-key-1", "conformance", dryRun: false, CancellationToken.None);
        var note = await host.Writer.AddNoteAsync(host.Connection.Name, new NewNote(dealId, "Carried over from the sales pipeline"), "note-key-1", "conformance", dryRun: false, CancellationToken.None);

        Assert.Equal(AuditOutcome.Succeeded, task.Outcome);
        Assert.False(string.IsNullOrEmpty(task.EntityId));
        Assert.True(taskAgain.AlreadyDone);
        Assert.Equal(task.EntityId, taskAgain.EntityId);
        Assert.Equal(AuditOutcome.Succeeded, note.Outcome);
        Assert.False(string.IsNullOrEmpty(note.EntityId));
    }
}
