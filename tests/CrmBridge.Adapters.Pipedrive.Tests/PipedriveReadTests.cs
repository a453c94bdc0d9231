using CrmBridge.Adapters.Pipedrive.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using WireMock.RequestBuilders;

namespace CrmBridge.Adapters.Pipedrive.Tests;

public sealed class PipedriveReadTests : IDisposable
{
    private readonly PipedriveHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetDealsPageAsync_FullSync_PagesToTheEndAndMapsEveryField()
    {
        ServeDealPages();
        var adapter = _h.CreateAdapter();

        var deals = new List<Deal>();
        var skipped = new List<SkippedRecord>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await adapter.GetDealsPageAsync(new DealPageRequest(null, token), CancellationToken.None);
            deals.AddRange(page.Deals);
            skipped.AddRange(page.Skipped);
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(2, pages);
        Assert.Equal(["101", "102", "103", "104"], deals.Select(d => d.ExternalId));
        var broken = Assert.Single(skipped);
        Assert.Equal("105", broken.ExternalId);
        Assert.Contains("stage_id", broken.Reason, StringComparison.Ordinal);

        var acme = deals[0];
        Assert.Equal("main", acme.Connection);
        Assert.Equal("acme.io - Acme", acme.Name);
        Assert.Equal("1", acme.PipelineId);
        Assert.Equal("3", acme.StageId);
        Assert.Equal(1500.5m, acme.Amount);
        Assert.Equal("EUR", acme.Currency);
        Assert.Equal("12001", acme.OwnerId);
        Assert.Equal("501", acme.CompanyId);
        Assert.Equal(["901", "902"], acme.ContactIds);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), acme.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero), acme.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 20, 8, 0, 0, TimeSpan.Zero), acme.StageEnteredAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 12, 5, 0, TimeSpan.Zero), acme.LastActivityAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero), acme.NextActivityAt);
        Assert.Equal(DealStatus.Open, acme.Status);
        Assert.Null(acme.ClosedAt);
        Assert.Equal("Web", acme.Fields["deal.source"]);
        Assert.Equal("North;South", acme.Fields["deal.regions"]);
        Assert.Equal("25000.75", acme.Fields["deal.budget"]);
        Assert.Null(acme.Fields["deal.crmbridge_marker"]);

        var globex = deals[1];
        Assert.Null(globex.Amount);
        Assert.Null(globex.CompanyId);
        Assert.Empty(globex.ContactIds);
        Assert.Equal(globex.CreatedAt, globex.StageEnteredAt);
        Assert.Equal("Referral", globex.Fields["deal.source"]);
        Assert.Equal("crmbridge:carry:77", globex.Fields["deal.crmbridge_marker"]);

        var won = deals[2];
        Assert.Equal(DealStatus.Won, won.Status);
        Assert.Equal("4", won.StageId);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 16, 30, 0, TimeSpan.Zero), won.ClosedAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero), won.LastActivityAt);
        Assert.Equal(["901"], won.ContactIds);

        var lost = deals[3];
        Assert.Equal(DealStatus.Lost, lost.Status);
        Assert.Equal("2", lost.StageId);
        Assert.Equal("No budget", lost.LostReason);
        Assert.Equal(new DateTimeOffset(2026, 2, 25, 11, 0, 0, TimeSpan.Zero), lost.ClosedAt);

        var first = _h.Fake.Requests("/api/v2/deals")[0];
        Assert.Equal("500", PipedriveFake.Query(first, "limit"));
        Assert.Null(PipedriveFake.Query(first, "cursor"));
        Assert.Null(PipedriveFake.Query(first, "updated_since"));
        Assert.Null(PipedriveFake.Query(first, "status"));
        Assert.Equal("next_activity_id,last_activity_id,participants_count", PipedriveFake.Query(first, "include_fields"));
        Assert.Equal(
            new[] { FieldKeys.LeadSource, FieldKeys.Marker, FieldKeys.Regions, FieldKeys.Budget }.Order(),
            PipedriveFake.Query(first, "custom_fields")!.Split(',').Order());
        Assert.Equal(PipedriveHarness.Token, PipedriveFake.Header(first, "x-api-token"));
        Assert.Null(PipedriveFake.Header(first, "Authorization"));
        Assert.DoesNotContain("api_token", first.RequestMessage!.Url, StringComparison.Ordinal);

        var activityReads = _h.Fake.Requests("/api/v2/activities");
        Assert.Equal(["7001,7002", "7003"], activityReads.Select(r => PipedriveFake.Query(r, "ids")));
        Assert.Single(_h.Fake.Requests("/api/v2/persons"));
        Assert.Equal(2, _h.Fake.Requests("/v1/dealFields").Count);
    }

    [Fact]
    public async Task GetDealsPageAsync_Incremental_FiltersOnUpdatedSinceFlooredToTheSecondSortedByUpdateTime()
    {
        ServeDealPages();
        var since = new DateTimeOffset(2026, 3, 1, 10, 0, 0, 750, TimeSpan.Zero);

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(since, null), CancellationToken.None);
        var next = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(since, page.NextPageToken), CancellationToken.None);

        var requests = _h.Fake.Requests("/api/v2/deals");
        Assert.All(requests, r =>
        {
            Assert.Equal("2026-03-01T10:00:00Z", PipedriveFake.Query(r, "updated_since"));
            Assert.Equal("update_time", PipedriveFake.Query(r, "sort_by"));
            Assert.Equal("asc", PipedriveFake.Query(r, "sort_direction"));
        });
        Assert.Equal(page.NextPageToken, PipedriveFake.Query(requests[1], "cursor"));
        Assert.Null(next.NextPageToken);
    }

    [Fact]
    public async Task GetDealsPageAsync_WithoutParticipants_TakesThePrimaryPersonOnlyAndAsksNoPersons()
    {
        ServeDealPages();
        _h.Options.ReadParticipants = false;

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);

        Assert.Equal(["901"], page.Deals[0].ContactIds);
        Assert.Empty(_h.Fake.Requests("/api/v2/persons"));
        Assert.Equal("next_activity_id,last_activity_id", PipedriveFake.Query(_h.Fake.Requests("/api/v2/deals")[0], "include_fields"));
    }

    [Fact]
    public async Task GetDealsPageAsync_ParticipantsCount_ReadsPersonsOnlyOfDealsWithMoreThanTheirPrimaryPerson()
    {
        ServeDealPages();
        var adapter = _h.CreateAdapter();

        var first = await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);
        await adapter.GetDealsPageAsync(new DealPageRequest(null, first.NextPageToken), CancellationToken.None);

        // Deal 101 counts two persons; 102 none and 103-106 only their primary one: one person list in all.
        var personReads = _h.Fake.Requests("/api/v2/persons");
        Assert.Equal("101", PipedriveFake.Query(Assert.Single(personReads), "deal_id"));
        Assert.Equal(["901", "902"], first.Deals.Single(d => d.ExternalId == "101").ContactIds);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task GetDealsPageAsync_AnyReadConcurrency_MapsThePageTheSameAndReadsEachListOnce(int concurrency)
    {
        ServeDealPages();
        _h.Options.ReadConcurrency = concurrency;
        var adapter = _h.CreateAdapter();

        var first = await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);
        var second = await adapter.GetDealsPageAsync(new DealPageRequest(null, first.NextPageToken), CancellationToken.None);

        var deals = first.Deals.Concat(second.Deals).ToList();
        Assert.Equal(["101", "102", "103", "104"], deals.Select(d => d.ExternalId));
        Assert.Equal(["901", "902"], deals[0].ContactIds);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero), deals[2].LastActivityAt);
        Assert.Equal(["7001,7002", "7003"], _h.Fake.Requests("/api/v2/activities").Select(r => PipedriveFake.Query(r, "ids")));
        Assert.Single(_h.Fake.Requests("/api/v2/persons"));
    }

    [Fact]
    public async Task GetPipelinesAsync_OrdersPipelinesAndStagesAndMarksEveryStageOpen()
    {
        _h.Fake.Get("/api/v2/pipelines", "pipelines.json");
        _h.Fake.Get("/api/v2/stages", "stages.json");

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(["1", "2"], pipelines.Select(p => p.ExternalId));
        var sales = pipelines[0];
        Assert.Equal("Sales", sales.Name);
        Assert.Equal(["1", "2", "3", "4"], sales.Stages.Select(s => s.ExternalId));
        Assert.Equal(["Lead in", "Qualified", "Proposal made", "Negotiation"], sales.Stages.Select(s => s.Name));
        Assert.All(sales.Stages, s => Assert.Equal(StageOutcome.Open, s.Outcome));
        Assert.All(sales.Stages, s => Assert.Equal("1", s.PipelineId));
        Assert.Equal(["10"], pipelines[1].Stages.Select(s => s.ExternalId));
        Assert.Equal("500", PipedriveFake.Query(_h.Fake.Requests("/api/v2/stages")[0], "limit"));
    }

    [Fact]
    public async Task GetOwnersAsync_ReadsV1UsersAndFallsBackToTheEmailForAName()
    {
        _h.Fake.Get("/v1/users", "users.json");

        var owners = await _h.CreateAdapter().GetOwnersAsync(CancellationToken.None);

        Assert.Equal([new Owner("main", "12001", "Anna Owner", "anna@company.io"), new Owner("main", "12002", "bo@company.io", "bo@company.io")], owners);
    }

    [Fact]
    public async Task GetFieldDefinitionsAsync_PagesV1FieldsAndKeepsHashKeysAndOptions()
    {
        _h.Fake.Fields();

        var fields = await _h.CreateAdapter().GetFieldDefinitionsAsync(CancellationToken.None);

        var source = Assert.Single(fields, f => f.Key == FieldKeys.LeadSource);
        Assert.Equal("deal", source.Entity);
        Assert.Equal("Lead source", source.Label);
        Assert.Equal("enum", source.Type);
        Assert.True(source.IsCustom);
        Assert.Equal([new FieldOption("27", "Web"), new FieldOption("28", "Referral"), new FieldOption("29", "Partner")], source.Options);
        Assert.False(Assert.Single(fields, f => f.Key == "title").IsCustom);
        Assert.Equal("company", Assert.Single(fields, f => f.Key == FieldKeys.Inn).Entity);
        Assert.Equal("contact", Assert.Single(fields, f => f.Key == FieldKeys.BuyingRole).Entity);
        Assert.Equal(["0", "4"], _h.Fake.Requests("/v1/dealFields").Select(r => PipedriveFake.Query(r, "start")));
    }

    [Fact]
    public async Task GetCompaniesAsync_ReadsByIdsInBatchesOfHundredAndResolvesFieldsByName()
    {
        _h.Fake.Fields();
        _h.Fake.Get("/api/v2/organizations", "organizations.json");
        var ids = Enumerable.Range(501, 150).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("501").Append("not-an-id").ToList();

        var companies = await _h.CreateAdapter().GetCompaniesAsync(ids, CancellationToken.None);

        var requests = _h.Fake.Requests("/api/v2/organizations");
        Assert.Equal(2, requests.Count);
        Assert.Equal(100, PipedriveFake.Query(requests[0], "ids")!.Split(',').Length);
        Assert.Equal(50, PipedriveFake.Query(requests[1], "ids")!.Split(',').Length);
        var acme = companies[0];
        Assert.Equal("501", acme.ExternalId);
        Assert.Equal("Acme", acme.Name);
        Assert.Equal("7707083893", acme.Inn);
        Assert.Equal("acme.io", acme.Website);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero), acme.UpdatedAt);
        Assert.Null(companies[1].Inn);
        Assert.Null(companies[1].Website);
    }

    [Fact]
    public async Task GetContactsAsync_MapsPrimaryEmailPhoneJobTitleAndRoleLabel()
    {
        _h.Fake.Fields();
        _h.Fake.Get("/api/v2/persons", "persons.json");

        var contacts = await _h.CreateAdapter().GetContactsAsync(["901", "902"], CancellationToken.None);

        var anna = contacts[0];
        Assert.Equal("Anna Li", anna.FullName);
        Assert.Equal("anna@acme.io", anna.Email);
        Assert.Equal("+7 999 123-45-67", anna.Phone);
        Assert.Equal("CTO", anna.Position);
        Assert.Equal(ContactRole.DecisionMaker, anna.Role);
        Assert.Equal("501", anna.CompanyId);
        Assert.Equal(ContactRole.Unknown, contacts[1].Role);
        Assert.Null(contacts[1].Email);
        Assert.Equal("901,902", PipedriveFake.Query(_h.Fake.Requests("/api/v2/persons")[0], "ids"));
    }

    [Fact]
    public async Task GetRemovedDealsPageAsync_ReadsDeletedDealsThenDealsArchivedSince()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v2/deals").WithParam("status", "deleted").UsingGet()).RespondWith(PipedriveFake.Json("deals-deleted.json"));
        _h.Fake.Get("/api/v2/deals/archived", "deals-archived.json");
        var adapter = _h.CreateAdapter();
        var since = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

        var deleted = await adapter.GetRemovedDealsPageAsync(since, null, CancellationToken.None);
        var archived = await adapter.GetRemovedDealsPageAsync(since, deleted.NextPageToken, CancellationToken.None);

        Assert.Equal(["120", "121"], deleted.DealIds);
        Assert.NotNull(deleted.NextPageToken);
        Assert.Equal(["130"], archived.DealIds);
        Assert.Null(archived.NextPageToken);
        Assert.Null(PipedriveFake.Query(_h.Fake.Requests("/api/v2/deals")[0], "updated_since"));
        Assert.Equal("2026-02-01T00:00:00Z", PipedriveFake.Query(_h.Fake.Requests("/api/v2/deals/archived")[0], "updated_since"));
    }

    [Fact]
    public async Task Requests_WithAnOAuthToken_SendBearerAndNoApiToken()
    {
        using var oauth = new PipedriveHarness(token: "v1:oauth-access-token-for-tests");
        oauth.Fake.Get("/v1/users", "users.json");

        await oauth.CreateAdapter().GetOwnersAsync(CancellationToken.None);

        var request = oauth.Fake.Requests("/v1/users").Single();
        Assert.Equal("Bearer v1:oauth-access-token-for-tests", PipedriveFake.Header(request, "Authorization"));
        Assert.Null(PipedriveFake.Header(request, "x-api-token"));
    }

    private void ServeDealPages()
    {
        _h.Fake.Fields();
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v2/deals").WithParam("cursor").UsingGet()).AtPriority(1).RespondWith(PipedriveFake.Json("deals-page2.json"));
        _h.Fake.Get("/api/v2/deals", "deals-page1.json", priority: 2);
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v2/activities").WithParam("ids", "7003").UsingGet()).AtPriority(1).RespondWith(PipedriveFake.Json("activities-page2.json"));
        _h.Fake.Get("/api/v2/activities", "activities-page1.json", priority: 2);
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v2/persons").WithParam("deal_id", "101").UsingGet()).RespondWith(PipedriveFake.Json("persons-of-deal-101.json"));
    }
}
