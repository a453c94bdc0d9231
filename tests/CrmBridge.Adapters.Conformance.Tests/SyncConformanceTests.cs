using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Adapters.Conformance.Tests;

/// <summary>The same logical sync scenarios, run against every adapter through its sandbox dialect; the common-model result must be the same.</summary>
public sealed class SyncConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task FullSync_StoresEveryDealAsTheDatasetDescribesIt(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth);
        await host.InitializeAsync();

        var summary = await host.SyncAsync(full: true);

        var dataset = host.Sandbox.Dataset;
        Assert.Equal(dataset.Deals.Count, summary.DealsFetched);
        Assert.Equal(dataset.Deals.Count, summary.New);
        Assert.Equal(0, summary.Skipped);
        foreach (var seeded in dataset.Deals)
        {
            var deal = await host.Store.GetDealAsync(host.Connection.Name, host.Crm.GetDealId(seeded.Key), CancellationToken.None);
            Assert.NotNull(deal);
            AssertDealMatches(host, seeded, deal);
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task FullSync_StoresPipelinesWithStageOrderAndOutcomes(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 10);
        await host.InitializeAsync();

        await host.SyncAsync(full: true);

        var pipelines = await host.Store.GetPipelinesAsync(host.Connection.Name, CancellationToken.None);
        foreach (var seededPipeline in host.Sandbox.Dataset.Pipelines)
        {
            var pipeline = Assert.Single(pipelines, p => p.ExternalId == host.Crm.GetPipelineId(seededPipeline.Key));
            Assert.Equal(seededPipeline.Name, pipeline.Name);
            var expected = seededPipeline.Stages
                .Where(s => !host.Adapter.Capabilities.StatusOnDeal || s.Outcome == StageOutcome.Open) // won/lost live on the deal, not in a stage
                .Select(s => (host.Crm.GetStageId(seededPipeline.Key, s.Key), s.Name, s.Outcome)).ToList();
            var system = host.Crm.GetSystemStageIds(seededPipeline.Key);
            var actual = pipeline.Stages.OrderBy(s => s.Order).Where(s => !system.Contains(s.ExternalId)).Select(s => (s.ExternalId, s.Name, s.Outcome)).ToList();
            Assert.Equal(expected, actual);
            Assert.Equal(system.Order(StringComparer.Ordinal), pipeline.Stages.Select(s => s.ExternalId).Where(system.Contains).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task FullSync_StoresLinkedCompaniesAndContacts(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 60);
        await host.InitializeAsync();

        await host.SyncAsync(full: true);

        var dataset = host.Sandbox.Dataset;
        var companyKeys = dataset.Deals.Select(d => d.CompanyKey).OfType<string>().Distinct().ToList();
        var companies = await host.Store.GetCompaniesAsync(host.Connection.Name, companyKeys.Select(host.Crm.GetCompanyId).ToList(), CancellationToken.None);
        Assert.Equal(companyKeys.Count, companies.Count);
        foreach (var key in companyKeys)
        {
            var seeded = dataset.GetCompany(key);
            var company = Assert.Single(companies, c => c.ExternalId == host.Crm.GetCompanyId(key));
            Assert.Equal(seeded.Name, company.Name);
            Assert.Equal(seeded.Website, company.Website);
            Assert.Equal(seeded.Inn, company.Inn);
        }

        var contactKeys = dataset.Deals.SelectMany(d => d.ContactKeys).Distinct().ToList();
        var contacts = await host.Store.GetContactsAsync(host.Connection.Name, contactKeys.Select(host.Crm.GetContactId).ToList(), CancellationToken.None);
        Assert.Equal(contactKeys.Count, contacts.Count);
        foreach (var key in contactKeys)
        {
            var seeded = dataset.GetContact(key);
            var contact = Assert.Single(contacts, c => c.ExternalId == host.Crm.GetContactId(key));
            Assert.Equal(seeded.FullName, contact.FullName);
            Assert.Equal(seeded.Email, contact.Email);
            Assert.Equal(seeded.Role, contact.Role);
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task IncrementalSync_AfterChanges_FetchesTheChangedDealsAndRecordsStageMoves(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth);
        await host.InitializeAsync();
        await host.SyncAsync(full: true);
        var dataset = host.Sandbox.Dataset;
        var movable = dataset.Deals.Where(d => d.Status == DealStatus.Open && NextOpenStage(dataset, d) is not null).Take(4).ToList();

        foreach (var deal in movable.Take(3))
        {
            host.Crm.MoveDealToStage(host.Crm.GetDealId(deal.Key), dataset.SalesPipeline.Key, NextOpenStage(dataset, deal)!.Key);
        }

        var renamedId = host.Crm.GetDealId(movable[3].Key);
        host.Crm.RenameDeal(renamedId, "renamed.example - Renamed");
        var summary = await host.SyncAsync(full: false);

        Assert.False(summary.Full);
        Assert.Equal(4, summary.Changed);
        Assert.Equal(0, summary.New);
        Assert.Equal(3, summary.StageTransitions);
        Assert.InRange(summary.DealsFetched, 4, 10);
        foreach (var deal in movable.Take(3))
        {
            var stored = await host.Store.GetDealAsync(host.Connection.Name, host.Crm.GetDealId(deal.Key), CancellationToken.None);
            Assert.Equal(host.Crm.GetStageId(dataset.SalesPipeline.Key, NextOpenStage(dataset, deal)!.Key), stored!.StageId);
        }

        Assert.Equal("renamed.example - Renamed", (await host.Store.GetDealAsync(host.Connection.Name, renamedId, CancellationToken.None))!.Name);
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task Sync_AfterDealRemovedInCrm_RemovesItFromTheMirror(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 30);
        await host.InitializeAsync();
        await host.SyncAsync(full: true);
        var removed = host.Crm.GetDealId(host.Sandbox.Dataset.Deals[5].Key);

        host.Crm.RemoveDeal(removed);
        var summary = await host.SyncAsync(full: !host.Adapter.Capabilities.HasRemovedDealsFeed);

        Assert.Equal(1, summary.Removed);
        Assert.Null(await host.Store.GetDealAsync(host.Connection.Name, removed, CancellationToken.None));
        Assert.Equal(29, await host.Store.CountDealsAsync(new DealQuery(host.Connection.Name), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task Sync_WithExpiredCredentials_FailsWithAnAuthErrorAfterOneRequest(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 5);
        await host.InitializeAsync();
        host.Crm.ExpireToken();
        host.Crm.ResetRequestLog();

        await Assert.ThrowsAsync<Core.Errors.CrmAuthException>(() => host.SyncAsync(full: true));
        Assert.Single(host.Crm.Requests);
    }

    private static void AssertDealMatches(ConformanceHost host, SandboxDeal seeded, Deal deal)
    {
        var crm = host.Crm;
        var dataset = host.Sandbox.Dataset;
        Assert.Equal(seeded.Name, deal.Name);
        Assert.Equal(crm.GetPipelineId(seeded.PipelineKey), deal.PipelineId);
        Assert.Equal(crm.GetStageId(seeded.PipelineKey, seeded.StageKey), deal.StageId);
        Assert.Equal(seeded.Status, deal.Status);
        Assert.Equal(seeded.Amount, deal.Amount);
        Assert.Equal(crm.GetOwnerId(seeded.OwnerKey), deal.OwnerId);
        Assert.Equal(seeded.CompanyKey is null ? null : crm.GetCompanyId(seeded.CompanyKey), deal.CompanyId);
        Assert.Equal(seeded.ContactKeys.Select(crm.GetContactId).Order(StringComparer.Ordinal), deal.ContactIds.Order(StringComparer.Ordinal));
        Assert.Equal(seeded.LostReason, deal.LostReason);
        Assert.Equal(seeded.Source, deal.Fields.GetValueOrDefault(CanonicalFields.DealSource));
        Assert.Equal(Seconds(seeded.CreatedAt), Seconds(deal.CreatedAt));
        Assert.Equal(Seconds(seeded.StageEnteredAt), Seconds(deal.StageEnteredAt!.Value));
        if (seeded.Status != DealStatus.Open)
        {
            Assert.NotNull(deal.ClosedAt);
        }

        if (host.Adapter.Capabilities.ReportsNextActivity)
        {
            Assert.Equal(seeded.NextActivityAt is { } next ? Seconds(next) : null, deal.NextActivityAt is { } got ? Seconds(got) : null);
        }

        Assert.NotNull(dataset);
    }

    /// <summary>CRMs differ in precision (amoCRM counts whole seconds), so times are compared to the second.</summary>
    private static long? Seconds(DateTimeOffset? time) => time?.ToUnixTimeSeconds();

    private static SandboxStage? NextOpenStage(SandboxDataset dataset, SandboxDeal deal)
    {
        var stages = dataset.SalesPipeline.Stages.ToList();
        var index = stages.FindIndex(s => s.Key == deal.StageKey);
        return index >= 0 && index + 1 < stages.Count && stages[index + 1].Outcome == StageOutcome.Open ? stages[index + 1] : null;
    }
}
