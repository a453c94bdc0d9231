using CrmBridge.Adapters.AmoCrm.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using WireMock.RequestBuilders;

namespace CrmBridge.Adapters.AmoCrm.Tests;

/// <summary>Reads through the real Refit client against a WireMock amoCRM answering with documented payload shapes.</summary>
public sealed class AmoCrmReadTests : IDisposable
{
    private const string LeadsPath = "/api/v4/leads";
    private readonly AmoCrmHarness _h = new(o => o.PageSize = 2);

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetPipelinesAsync_MapsStatusesInOrderWithWonAndLostInEveryPipeline()
    {
        _h.Fake.Get("/api/v4/leads/pipelines", "pipelines.json");

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(["3177727", "3177730"], pipelines.Select(p => p.ExternalId));
        var sales = pipelines[0];
        Assert.Equal("Sales", sales.Name);
        Assert.Equal(
            [("32392156", StageOutcome.Open), ("32392159", StageOutcome.Open), ("32392162", StageOutcome.Open), ("142", StageOutcome.Won), ("143", StageOutcome.Lost)],
            sales.Stages.Select(s => (s.ExternalId, s.Outcome)));
        Assert.All(sales.Stages, s => Assert.Equal("3177727", s.PipelineId));
        Assert.Equal(["142", "143"], pipelines[1].Stages.Where(s => s.Outcome != StageOutcome.Open).Select(s => s.ExternalId));
        Assert.All(pipelines[1].Stages, s => Assert.Equal("3177730", s.PipelineId));
    }

    [Fact]
    public async Task GetOwnersAsync_MapsUsers()
    {
        _h.Fake.Get("/api/v4/users", "users.json");

        var owners = await _h.CreateAdapter().GetOwnersAsync(CancellationToken.None);

        Assert.Equal([new Owner("main", "8238874", "Anna Petrova", "anna@orion.example"), new Owner("main", "8238875", "Ivan Sidorov", "ivan@orion.example")], owners);
        Assert.Equal("250", AmoCrmFake.Query(_h.Fake.Requests("/api/v4/users").Single(), "limit"));
    }

    [Fact]
    public async Task GetFieldDefinitionsAsync_MapsLeadFieldsWithEnumIdsAndLabels()
    {
        _h.Fake.Get("/api/v4/leads/custom_fields", "custom-fields.json");

        var fields = await _h.CreateAdapter().GetFieldDefinitionsAsync(CancellationToken.None);

        var source = Assert.Single(fields, f => f.Key == "294471");
        Assert.Equal("Source", source.Label);
        Assert.Equal("select", source.Type);
        Assert.Equal([new FieldOption("411465", "Website"), new FieldOption("411467", "Referral")], source.Options);
    }

    [Fact]
    public async Task GetDealsPageAsync_FullRead_PagesByModificationTimeToTheEnd()
    {
        _h.Fake.Basics();
        _h.Fake.Server.Given(Request.Create().WithPath(LeadsPath).UsingGet().WithParam("page", "1")).AtPriority(10).RespondWith(AmoCrmFake.Json("leads-page1.json"));
        _h.Fake.Server.Given(Request.Create().WithPath(LeadsPath).UsingGet().WithParam("filter[updated_at][from]", "1675296000")).AtPriority(1)
            .RespondWith(AmoCrmFake.Json("leads-page2.json"));
        var adapter = _h.CreateAdapter();

        var first = await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);
        var second = await adapter.GetDealsPageAsync(new DealPageRequest(null, first.NextPageToken), CancellationToken.None);

        Assert.Equal(["19619", "14460"], first.Deals.Select(d => d.ExternalId));
        Assert.NotNull(first.NextPageToken);
        Assert.Equal(["14461"], second.Deals.Select(d => d.ExternalId));
        Assert.Null(second.NextPageToken);
        var requests = _h.Fake.Requests(LeadsPath);
        Assert.Equal(2, requests.Count);
        Assert.Equal("contacts,loss_reason", AmoCrmFake.Query(requests[0], "with"));
        Assert.Equal("asc", AmoCrmFake.Query(requests[0], "order[updated_at]"));
        Assert.Equal("2", AmoCrmFake.Query(requests[0], "limit"));
        Assert.Null(AmoCrmFake.Query(requests[0], "filter[updated_at][from]"));
        Assert.Equal("1675296000", AmoCrmFake.Query(requests[1], "filter[updated_at][from]"));
        Assert.Equal("1", AmoCrmFake.Query(requests[1], "page"));
    }

    [Fact]
    public async Task GetDealsPageAsync_FullPageWithoutNextLink_IsTheLastAndAsksForNoEmptyPage()
    {
        _h.Fake.Basics();
        var lastFullPage = AmoCrmFake.Fixture("leads-page1.json")
            .Replace(",\"next\":{\"href\":\"https://orion.amocrm.ru/api/v4/leads?limit=2&page=2\"}", "", StringComparison.Ordinal);
        _h.Fake.Server.Given(Request.Create().WithPath(LeadsPath).UsingGet()).AtPriority(10)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/hal+json").WithBody(lastFullPage));

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);

        Assert.Equal(2, page.Deals.Count);
        Assert.Null(page.NextPageToken);
        Assert.Single(_h.Fake.Requests(LeadsPath));
    }

    [Fact]
    public async Task GetDealsPageAsync_NextPageIs204_EndsWithAnEmptyPage()
    {
        _h.Fake.Basics();
        _h.Fake.Server.Given(Request.Create().WithPath(LeadsPath).UsingGet()).AtPriority(10).RespondWith(AmoCrmFake.Json("leads-page1.json"));
        _h.Fake.Server.Given(Request.Create().WithPath(LeadsPath).UsingGet().WithParam("filter[updated_at][from]", "1675296000")).AtPriority(1)
            .RespondWith(AmoCrmFake.NoContent());
        var adapter = _h.CreateAdapter();

        var first = await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);
        var last = await adapter.GetDealsPageAsync(new DealPageRequest(null, first.NextPageToken), CancellationToken.None);

        Assert.Empty(last.Deals);
        Assert.Null(last.NextPageToken);
    }

    [Fact]
    public async Task GetDealsPageAsync_PageRestartsAtTheNewestSecond_DropsTheLeadsAlreadyReturned()
    {
        _h.Fake.Basics();
        _h.Fake.Server.Given(Request.Create().WithPath(LeadsPath).UsingGet()).AtPriority(10).RespondWith(AmoCrmFake.Json("leads-page1.json"));
        var adapter = _h.CreateAdapter();

        var first = await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);
        var again = await adapter.GetDealsPageAsync(new DealPageRequest(null, first.NextPageToken), CancellationToken.None);

        // The fake answers the same two leads again: 14460 (at the restart second) was returned already; 19619 is older
        // than the restart second, which a real account would not return, and is passed on as it comes.
        Assert.DoesNotContain(again.Deals, d => d.ExternalId == "14460");
    }

    [Fact]
    public async Task GetDealsPageAsync_Incremental_FiltersByUnixSecondsAtOrAfterTheStart()
    {
        _h.Fake.Basics();
        _h.Fake.Get(LeadsPath, "leads-page2.json");
        var since = DateTimeOffset.FromUnixTimeSeconds(1675300000).AddMilliseconds(900);

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(since, null), CancellationToken.None);

        Assert.Equal(["14461"], page.Deals.Select(d => d.ExternalId));
        Assert.Equal("1675300000", AmoCrmFake.Query(_h.Fake.Requests(LeadsPath).Single(), "filter[updated_at][from]"));
        var events = _h.Fake.Requests("/api/v4/events");
        Assert.Equal("1675300000", AmoCrmFake.Query(events[0], "filter[created_at][from]"));
        Assert.Equal("lead", AmoCrmFake.Query(events[0], "filter[entity]"));
        Assert.StartsWith("lead_status_changed,incoming_call,", AmoCrmFake.Query(events[0], "filter[type]"), StringComparison.Ordinal);
        Assert.Equal("100", AmoCrmFake.Query(events[0], "limit"));
    }

    [Fact]
    public async Task GetDealsPageAsync_MapsEveryMemberOfALead()
    {
        _h.Fake.Get("/api/v4/account", "account.json");
        _h.Fake.Get("/api/v4/events", "events.json");
        _h.Fake.Get(LeadsPath, "leads-page1.json");

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);

        var open = page.Deals.Single(d => d.ExternalId == "19619");
        Assert.Equal("main", open.Connection);
        Assert.Equal("orion-tech.ru - Orion Tech", open.Name);
        Assert.Equal("3177727", open.PipelineId);
        Assert.Equal("32392162", open.StageId);
        Assert.Equal(46333m, open.Amount);
        Assert.Equal("RUB", open.Currency);
        Assert.Equal("8238874", open.OwnerId);
        Assert.Equal("10971463", open.CompanyId);
        Assert.Equal(["10971466", "10971465"], open.ContactIds);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1672531200), open.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1675209600), open.UpdatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1674000000), open.StageEnteredAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1675000000), open.LastActivityAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1677628800), open.NextActivityAt);
        Assert.Equal(DealStatus.Open, open.Status);
        Assert.Null(open.ClosedAt);
        Assert.Null(open.LostReason);
        Assert.Equal("Website", open.Fields["deal.source"]);
        Assert.Equal("approved", open.Fields["deal.budget_note"]);
        Assert.False(open.Fields.ContainsKey("deal.crmbridge_marker"));

        var lost = page.Deals.Single(d => d.ExternalId == "14460");
        Assert.Equal(DealStatus.Lost, lost.Status);
        Assert.Equal("143", lost.StageId);
        Assert.Null(lost.Amount);
        Assert.Null(lost.CompanyId);
        Assert.Empty(lost.ContactIds);
        Assert.Equal("No budget", lost.LostReason);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1675296000), lost.ClosedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1675296000), lost.StageEnteredAt);
        Assert.Null(lost.LastActivityAt);
        Assert.Empty(_h.Fake.Requests("/api/v4/leads/loss_reasons"));
    }

    [Fact]
    public async Task GetDealsPageAsync_IncrementalLeadOlderThanTheWindow_LooksUpItsEventsByIdInChunksOfTen()
    {
        _h.Fake.Get("/api/v4/account", "account.json");
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v4/events").UsingGet().WithParam("filter[created_at][from]")).AtPriority(1)
            .RespondWith(AmoCrmFake.NoContent());
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v4/events").UsingGet()).AtPriority(10).RespondWith(AmoCrmFake.Json("events.json"));
        _h.Fake.Get(LeadsPath, "leads-page1.json");

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(DateTimeOffset.FromUnixTimeSeconds(1675200000), null), CancellationToken.None);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1674000000), page.Deals.Single(d => d.ExternalId == "19619").StageEnteredAt);
        var lookups = _h.Fake.Requests("/api/v4/events").Where(r => AmoCrmFake.Query(r, "filter[created_at][from]") is null).ToList();
        var lookup = Assert.Single(lookups);
        Assert.Contains("filter[entity_id][]=19619&filter[entity_id][]=14460", AmoCrmFake.RawQuery(lookup), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDealsPageAsync_LossReasonNotEmbedded_ReadsTheLossReasonsOnce()
    {
        _h.Fake.Basics();
        _h.Fake.Server.Given(Request.Create().WithPath(LeadsPath).UsingGet()).RespondWith(
            WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(AmoCrmFake.Fixture("leads-page1.json").Replace("\"loss_reason\":[{\"id\":4203748,\"name\":\"No budget\",\"sort\":10000,\"created_at\":1582117280,\"updated_at\":1582117280,\"_links\":{\"self\":{\"href\":\"https://orion.amocrm.ru/api/v4/leads/loss_reasons/4203748\"}}}]", "\"loss_reason\":[]", StringComparison.Ordinal)));
        _h.Fake.Get("/api/v4/leads/loss_reasons", "loss-reasons.json");

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);

        Assert.Equal("No budget", page.Deals.Single(d => d.ExternalId == "14460").LostReason);
        Assert.Single(_h.Fake.Requests("/api/v4/leads/loss_reasons"));
    }

    [Fact]
    public async Task GetCompaniesAsync_ReadsByIdListAndMapsStandardAndNamedFields()
    {
        _h.Fake.Get("/api/v4/companies", "companies.json");

        var companies = await _h.CreateAdapter().GetCompaniesAsync(["10971463", "10971470", "not-an-id"], CancellationToken.None);

        var request = _h.Fake.Requests("/api/v4/companies").Single();
        Assert.Contains("filter[id][]=10971463&filter[id][]=10971470", AmoCrmFake.RawQuery(request), StringComparison.Ordinal);
        var orion = companies.Single(c => c.ExternalId == "10971463");
        Assert.Equal("Orion Tech", orion.Name);
        Assert.Equal("orion-tech.ru", orion.Website);
        Assert.Equal("7707083893", orion.Inn);
        Assert.Equal("IT", orion.Industry);
        Assert.Equal("+7 495 123-45-67", orion.Phone);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1672531100), orion.UpdatedAt);
        Assert.Null(companies.Single(c => c.ExternalId == "10971470").Website);
    }

    [Fact]
    public async Task GetContactsAsync_InBatchesOfTheBatchSize_MapsEmailPositionRoleAndCompany()
    {
        using var h = new AmoCrmHarness(o => o.BatchReadSize = 2);
        h.Fake.Get("/api/v4/contacts", "contacts.json");

        var contacts = await h.CreateAdapter().GetContactsAsync(["10971465", "10971466", "10971467"], CancellationToken.None);

        Assert.Equal(2, h.Fake.Requests("/api/v4/contacts").Count);
        var maria = contacts.First(c => c.ExternalId == "10971465");
        Assert.Equal("Maria Ivanova", maria.FullName);
        Assert.Equal("maria@orion-tech.ru", maria.Email);
        Assert.Equal("CTO", maria.Position);
        Assert.Equal("+7 916 000-00-01", maria.Phone);
        Assert.Equal(ContactRole.DecisionMaker, maria.Role);
        Assert.Equal("10971463", maria.CompanyId);
        Assert.Equal("Oleg Smirnov", contacts.First(c => c.ExternalId == "10971466").FullName);
    }

    [Fact]
    public async Task GetRemovedDealsPageAsync_ReadsOnlyDeletedLeadsSince()
    {
        _h.Fake.Get(LeadsPath, "leads-page2.json");

        var page = await _h.CreateAdapter().GetRemovedDealsPageAsync(DateTimeOffset.FromUnixTimeSeconds(1675000000), null, CancellationToken.None);

        Assert.Equal(["14461"], page.DealIds);
        Assert.Null(page.NextPageToken);
        var request = _h.Fake.Requests(LeadsPath).Single();
        Assert.Equal("only_deleted", AmoCrmFake.Query(request, "with"));
        Assert.Equal("1675000000", AmoCrmFake.Query(request, "filter[updated_at][from]"));
    }

    [Fact]
    public async Task GetRemovedDealsPageAsync_NoneDeleted_204GivesAnEmptyLastPage()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(LeadsPath).UsingGet()).RespondWith(AmoCrmFake.NoContent());

        var page = await _h.CreateAdapter().GetRemovedDealsPageAsync(null, null, CancellationToken.None);

        Assert.Empty(page.DealIds);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task GetDealsPageAsync_ForeignPageToken_Throws()
    {
        _h.Fake.Basics();

        await Assert.ThrowsAsync<ArgumentException>(() => _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, "not-a-token"), CancellationToken.None));
    }
}
