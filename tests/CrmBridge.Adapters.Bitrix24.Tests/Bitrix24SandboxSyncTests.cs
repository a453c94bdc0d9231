using CrmBridge.Adapters.Bitrix24.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Writes;
using CrmBridge.Sandbox.Dataset;
using Xunit.Abstractions;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>The adapter end to end against the Bitrix24 dialect of the sandbox, through the sync engine and the writer.</summary>
public sealed class Bitrix24SandboxSyncTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FullSync_StoresEveryDealAsTheDatasetDescribesIt()
    {
        await using var host = await new SandboxSyncHost(deals: 300).StartAsync();

        var summary = await host.SyncAsync(full: true);

        var dataset = host.Sandbox.Dataset;
        var portal = host.Portal;
        Assert.Equal(300, summary.DealsFetched);
        Assert.Equal(300, summary.New);
        Assert.Equal(0, summary.Skipped);
        foreach (var seeded in dataset.Deals)
        {
            var deal = (await host.Store.GetDealAsync(host.Connection.Name, portal.GetDealId(seeded.Key), CancellationToken.None))!;
            Assert.Equal(seeded.Name, deal.Name);
            Assert.Equal(portal.GetPipelineId(seeded.PipelineKey), deal.PipelineId);
            Assert.Equal(portal.GetStageId(seeded.PipelineKey, seeded.StageKey), deal.StageId);
            Assert.Equal(seeded.Status, deal.Status);
            Assert.Equal(seeded.Amount, deal.Amount);
            Assert.Equal(portal.GetOwnerId(seeded.OwnerKey), deal.OwnerId);
            Assert.Equal(seeded.CompanyKey is null ? null : portal.GetCompanyId(seeded.CompanyKey), deal.CompanyId);
            Assert.Equal(seeded.ContactKeys.Select(portal.GetContactId).Order(), deal.ContactIds.Order());
            Assert.Equal(seeded.LostReason, deal.LostReason);
            Assert.Equal(seeded.Source, deal.Fields.GetValueOrDefault(CanonicalFields.DealSource));
            Assert.Equal(seeded.CreatedAt.ToUnixTimeSeconds(), deal.CreatedAt.ToUnixTimeSeconds());
            Assert.Equal(seeded.StageEnteredAt.ToUnixTimeSeconds(), deal.StageEnteredAt!.Value.ToUnixTimeSeconds());
            Assert.Equal(seeded.NextActivityAt?.ToUnixTimeSeconds(), deal.NextActivityAt?.ToUnixTimeSeconds());
            Assert.Equal(seeded.LastActivityAt?.ToUnixTimeSeconds(), deal.LastActivityAt?.ToUnixTimeSeconds());
        }

        var contactKey = dataset.Deals.SelectMany(d => d.ContactKeys).First();
        var contact = Assert.Single(await host.Store.GetContactsAsync(host.Connection.Name, [portal.GetContactId(contactKey)], CancellationToken.None));
        Assert.Equal(dataset.GetContact(contactKey).Role, contact.Role);
        var companyKey = dataset.Deals.Select(d => d.CompanyKey).OfType<string>().First();
        var company = Assert.Single(await host.Store.GetCompaniesAsync(host.Connection.Name, [portal.GetCompanyId(companyKey)], CancellationToken.None));
        Assert.Equal(dataset.GetCompany(companyKey).Inn, company.Inn);
        Assert.Equal(dataset.GetCompany(companyKey).Website, company.Website);
    }

    [Fact]
    public async Task FullSync_Of10000Deals_StaysWithinThePageAndBatchMinimum()
    {
        await using var host = await new SandboxSyncHost(deals: 10_000).StartAsync();

        var summary = await host.SyncAsync(full: true);

        var dataset = host.Sandbox.Dataset;
        var companies = dataset.Deals.Select(d => d.CompanyKey).OfType<string>().Distinct().Count();
        var contacts = dataset.Deals.SelectMany(d => d.ContactKeys).Distinct().Count();
        var pages = Ceiling(10_000, 50);
        var relatedBatches = Ceiling(companies, 2_500) + Ceiling(contacts, 2_500);
        const int Fixed = 3; // crm.category.list, one batch of the stages and the field definitions, user.get
        var minimum = pages + relatedBatches + Fixed;
        output.WriteLine(
            $"10,000 deals, {companies} companies, {contacts} contacts: {summary.Requests} requests in {summary.Elapsed.TotalSeconds:0.0} s; "
            + $"minimum {minimum} = {pages} pages of 50 (each page's next activities ride in the batch that reads the next page) + {relatedBatches} company/contact batches of 2,500 + {Fixed} fixed");
        foreach (var group in host.Portal.Requests.GroupBy(r => r.Path.Split('/')[^1]))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        Assert.Equal(10_000, summary.DealsFetched);
        Assert.Equal(0, summary.RateLimited);

        // One more request than pages: the last page's next activities (its batch also proves there is no next page).
        Assert.InRange(summary.Requests, minimum, minimum + 1);
        Assert.DoesNotContain(host.Portal.Requests, r => r.StatusCode != 200);
    }

    [Fact]
    public async Task IncrementalSync_AfterChangesInThePortal_FetchesThemAndRecordsStageMoves()
    {
        await using var host = await new SandboxSyncHost(deals: 120).StartAsync();
        await host.SyncAsync(full: true);
        var dataset = host.Sandbox.Dataset;
        var stages = dataset.SalesPipeline.Stages;
        var movable = dataset.Deals
            .Where(d => d.Status == DealStatus.Open && stages.SkipWhile(s => s.Key != d.StageKey).Skip(1).FirstOrDefault() is { Outcome: StageOutcome.Open })
            .Take(3)
            .ToList();
        foreach (var deal in movable.Take(2))
        {
            var next = stages.SkipWhile(s => s.Key != deal.StageKey).Skip(1).First();
            host.Portal.MoveDealToStage(host.Portal.GetDealId(deal.Key), dataset.SalesPipeline.Key, next.Key);
        }

        host.Portal.RenameDeal(host.Portal.GetDealId(movable[2].Key), "renamed.example - Renamed");
        host.Portal.ResetRequestLog();

        var summary = await host.SyncAsync(full: false);

        Assert.False(summary.Full);
        Assert.Equal(3, summary.Changed);
        Assert.Equal(2, summary.StageTransitions);
        Assert.Contains(host.Portal.Requests, r => r.Path.EndsWith("crm.item.list.json", StringComparison.Ordinal)
            && r.Body!.Contains(">=updatedTime", StringComparison.Ordinal) || r.Body!.Contains("\\u003E=updatedTime", StringComparison.Ordinal));
        Assert.Equal("renamed.example - Renamed", (await host.Store.GetDealAsync(host.Connection.Name, host.Portal.GetDealId(movable[2].Key), CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task FullSync_AfterADealIsDeleted_ReconcilesItAway()
    {
        await using var host = await new SandboxSyncHost(deals: 30).StartAsync();
        await host.SyncAsync(full: true);
        var removed = host.Portal.GetDealId(host.Sandbox.Dataset.Deals[5].Key);

        host.Portal.RemoveDeal(removed);
        var summary = await host.SyncAsync(full: true);

        Assert.Equal(1, summary.Removed);
        Assert.Null(await host.Store.GetDealAsync(host.Connection.Name, removed, CancellationToken.None));
        Assert.Equal(29, await host.Store.CountDealsAsync(new DealQuery(host.Connection.Name), CancellationToken.None));
    }

    [Fact]
    public async Task Sync_PortalBucketFull_WaitsAndFinishes()
    {
        await using var host = await new SandboxSyncHost(deals: 200).StartAsync();
        host.Portal.LimitRequests(drainPerSecond: 20, threshold: 4);

        var summary = await host.SyncAsync(full: true);

        Assert.Equal(200, summary.DealsFetched);
        Assert.True(summary.RateLimited > 0, "the portal never said QUERY_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Sync_RevokedWebhook_StopsAfterOneRequest()
    {
        await using var host = await new SandboxSyncHost(deals: 5).StartAsync();
        host.Portal.ExpireToken();

        var ex = await Assert.ThrowsAsync<CrmAuthException>(() => host.SyncAsync(full: true));

        Assert.Single(host.Portal.Requests);
        Assert.Contains("NO_AUTH_FOUND", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Portal.WebhookUrl.AbsolutePath, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_ThroughTheAuditedWriter_LandInThePortalOnce()
    {
        await using var host = await new SandboxSyncHost(deals: 20).StartAsync();
        var dataset = host.Sandbox.Dataset;
        var original = dataset.Deals.First(d => d.CompanyKey is not null && d.ContactKeys.Count > 0);
        var cs = dataset.ClientSuccessPipeline;
        var newDeal = new NewDeal
        {
            Name = original.Name,
            PipelineId = host.Portal.GetPipelineId(cs.Key),
            StageId = host.Portal.GetStageId(cs.Key, cs.Stages[0].Key),
            Amount = 120000m,
            Currency = "RUB",
            OwnerId = host.Portal.GetOwnerId(original.OwnerKey),
            CompanyId = host.Portal.GetCompanyId(original.CompanyKey!),
            ContactIds = [.. original.ContactKeys.Select(host.Portal.GetContactId)],
            Fields = new Dictionary<string, string?> { [CanonicalFields.DealSource] = "referral" },
            Marker = "cs-" + original.Key,
        };

        var first = await host.Writer.CreateDealAsync(host.Connection.Name, newDeal, "test", dryRun: false, CancellationToken.None);
        var again = await host.Writer.CreateDealAsync(host.Connection.Name, newDeal, "test", dryRun: false, CancellationToken.None);
        var update = await host.Writer.UpdateDealAsync(
            host.Connection.Name,
            new DealUpdate { DealId = first.EntityId!, Name = "Renamed", StageId = host.Portal.GetStageId(cs.Key, cs.Stages[1].Key), Fields = new Dictionary<string, string?> { ["deal.lost_reason"] = SalesMethodDefaults.LossReasons[3] } },
            "test",
            dryRun: false,
            CancellationToken.None);
        var task = await host.Writer.CreateTaskAsync(host.Connection.Name, new NewTask(first.EntityId!, newDeal.OwnerId, "Kick-off call", null, host.Sandbox.Now.AddDays(2)), "t-1", "test", dryRun: false, CancellationToken.None);
        var note = await host.Writer.AddNoteAsync(host.Connection.Name, new NewNote(first.EntityId!, "Carried over"), "n-1", "test", dryRun: false, CancellationToken.None);

        Assert.Equal(AuditOutcome.Succeeded, first.Outcome);
        Assert.True(again.AlreadyDone);
        Assert.Equal(first.EntityId, again.EntityId);
        Assert.Equal(AuditOutcome.Succeeded, update.Outcome);
        var state = host.Portal.GetDealState(first.EntityId!);
        Assert.Equal("Renamed", state.Name);
        Assert.Equal(host.Portal.GetStageId(cs.Key, cs.Stages[1].Key), state.StageId);
        Assert.Equal("2", state.PipelineId);
        Assert.Equal(newDeal.CompanyId, state.CompanyId);
        Assert.Equal(newDeal.ContactIds.Order(), state.ContactIds.Order());
        Assert.Equal("referral", state.Fields[CanonicalFields.DealSource]);
        Assert.Equal(newDeal.Marker, state.Fields[CanonicalFields.DealMarker]);
        Assert.Equal(SalesMethodDefaults.LossReasons[3], state.Fields["deal.lost_reason"]);
        Assert.Equal(AuditOutcome.Succeeded, task.Outcome);
        Assert.InRange(host.Portal.GetNextActivity(first.EntityId!)!.Value - host.Sandbox.Now, TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(2));
        Assert.Equal(AuditOutcome.Succeeded, note.Outcome);
        // The note carries CrmBridge's idempotency marker after its text.
        Assert.Contains(host.Portal.Comments, c => c.DealId == first.EntityId && c.Comment.StartsWith("Carried over", StringComparison.Ordinal));
    }

    private static int Ceiling(int count, int size) => (count + size - 1) / size;
}
