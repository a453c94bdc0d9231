using CrmBridge.Adapters.HubSpot.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using WireMock.RequestBuilders;

namespace CrmBridge.Adapters.HubSpot.Tests;

public sealed class HubSpotReadTests : IDisposable
{
    private readonly HubSpotHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetDealsPageAsync_FullSync_PagesToTheEndAndMapsEveryField()
    {
        _h.Fake.Pipelines();
        _h.Fake.Server.Given(Request.Create().WithPath("/crm/v3/objects/deals").UsingGet().WithParam("after", "NTA1"))
            .AtPriority(1).RespondWith(HubSpotFake.Json("deals-page2.json"));
        _h.Fake.Server.Given(Request.Create().WithPath("/crm/v3/objects/deals").UsingGet())
            .AtPriority(2).RespondWith(HubSpotFake.Json("deals-page1.json"));
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
        Assert.Equal(["123", "124", "125"], deals.Select(d => d.ExternalId));
        Assert.Equal(["126", "127"], skipped.Select(s => s.ExternalId));
        Assert.Contains("amount", skipped[0].Reason, StringComparison.Ordinal);
        Assert.Contains("dealstage", skipped[1].Reason, StringComparison.Ordinal);

        var acme = deals[0];
        Assert.Equal("main", acme.Connection);
        Assert.Equal("Acme renewal", acme.Name);
        Assert.Equal("default", acme.PipelineId);
        Assert.Equal("qualified", acme.StageId);
        Assert.Equal(1500.50m, acme.Amount);
        Assert.Equal("USD", acme.Currency);
        Assert.Equal("41", acme.OwnerId);
        Assert.Equal("501", acme.CompanyId);
        Assert.Equal(["901", "902"], acme.ContactIds);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), acme.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero), acme.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 0, 0, 0, TimeSpan.Zero), acme.ClosedAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 20, 8, 0, 0, TimeSpan.Zero), acme.StageEnteredAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 12, 0, 0, TimeSpan.Zero), acme.LastActivityAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773136800000), acme.NextActivityAt);
        Assert.Equal(DealStatus.Open, acme.Status);
        Assert.Equal("web", acme.Fields["deal.source"]);

        Assert.Equal(DealStatus.Won, deals[1].Status);
        Assert.Equal("referral", deals[1].Fields["deal.source"]);
        Assert.Null(deals[1].CompanyId);
        Assert.Equal(DealStatus.Lost, deals[2].Status);
        Assert.Equal("Budget cut", deals[2].LostReason);
        Assert.Null(deals[2].Amount);

        var first = _h.Fake.Requests("/crm/v3/objects/deals")[0];
        Assert.Equal("100", HubSpotFake.Query(first, "limit"));
        Assert.Equal("companies,contacts", HubSpotFake.Query(first, "associations"));
        Assert.Equal("false", HubSpotFake.Query(first, "archived"));
        var properties = HubSpotFake.Query(first, "properties")!.Split(',');
        Assert.Contains("lead_source", properties);
        Assert.Contains("crmbridge_marker", properties);
        Assert.Contains("hs_v2_date_entered_current_stage", properties);
        Assert.Equal("Bearer " + HubSpotHarness.Token, first.RequestMessage!.Headers!["Authorization"].Single());
        Assert.Single(_h.Fake.Requests("/crm/v3/pipelines/deals"));
    }

    [Fact]
    public async Task GetDealsPageAsync_PageTokenOfAnotherAdapter_IsRejected()
    {
        var adapter = _h.CreateAdapter();

        await Assert.ThrowsAsync<ArgumentException>(() => adapter.GetDealsPageAsync(new DealPageRequest(null, "not-a-token"), CancellationToken.None));
    }

    [Fact]
    public async Task GetPipelinesAsync_MapsStagesInOrderWithOutcomes()
    {
        _h.Fake.Pipelines();

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(["default", "cs"], pipelines.Select(p => p.ExternalId));
        var sales = pipelines[0];
        Assert.Equal("Sales", sales.Name);
        Assert.Equal(["prospects", "qualified", "closedwon", "closedlost"], sales.Stages.Select(s => s.ExternalId));
        Assert.Equal([StageOutcome.Open, StageOutcome.Open, StageOutcome.Won, StageOutcome.Lost], sales.Stages.Select(s => s.Outcome));
        Assert.All(sales.Stages, s => Assert.Equal("default", s.PipelineId));
        Assert.Equal(StageOutcome.Lost, pipelines[1].Stages.Single(s => s.ExternalId == "churned").Outcome);
    }

    [Fact]
    public async Task GetOwnersAsync_PagesThroughAllOwners()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/crm/v3/owners").UsingGet().WithParam("after", "41"))
            .AtPriority(1).RespondWith(HubSpotFake.Json("owners-page2.json"));
        _h.Fake.Server.Given(Request.Create().WithPath("/crm/v3/owners").UsingGet())
            .AtPriority(2).RespondWith(HubSpotFake.Json("owners-page1.json"));

        var owners = await _h.CreateAdapter().GetOwnersAsync(CancellationToken.None);

        Assert.Equal([new Owner("main", "41", "Anna Li", "a@x.io"), new Owner("main", "42", "bo@x.io", "bo@x.io")], owners);
        Assert.Equal("100", HubSpotFake.Query(_h.Fake.Requests("/crm/v3/owners")[0], "limit"));
    }

    [Fact]
    public async Task GetFieldDefinitionsAsync_MarksCustomPropertiesAndOptions()
    {
        _h.Fake.Get("/crm/v3/properties/deals", "properties.json");

        var fields = await _h.CreateAdapter().GetFieldDefinitionsAsync(CancellationToken.None);

        Assert.False(fields[0].IsCustom);
        var source = fields[1];
        Assert.Equal(("deal", "lead_source", "Lead source", "select", true), (source.Entity, source.Key, source.Label, source.Type, source.IsCustom));
        Assert.Equal([new FieldOption("web", "Web"), new FieldOption("referral", "Referral")], source.Options);
    }

    [Fact]
    public async Task GetCompaniesAsync_ReadsInBatchesWithFieldMapProperties()
    {
        _h.Fake.Post("/crm/v3/objects/companies/batch/read", "companies-batch.json");

        var companies = await _h.CreateAdapter().GetCompaniesAsync(["501"], CancellationToken.None);

        var acme = Assert.Single(companies);
        Assert.Equal("Acme", acme.Name);
        Assert.Equal("https://www.acme.io", acme.Website);
        Assert.Equal("7701234567", acme.Inn);
        Assert.Equal("MANUFACTURING", acme.Industry);
        Assert.Equal("+1 555 0100", acme.Phone);
        Assert.Equal("250", acme.Fields["company.size"]);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), acme.UpdatedAt);
        var body = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/companies/batch/read").Single());
        Assert.Equal("501", body.GetProperty("inputs")[0].GetProperty("id").GetString());
        var properties = body.GetProperty("properties").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("tax_id", properties);
        Assert.Contains("website", properties);
        Assert.Contains("company_size", properties);
    }

    [Fact]
    public async Task GetCompaniesAsync_MoreIdsThanOneBatch_SplitsIntoBatchesOf100()
    {
        _h.Fake.Post("/crm/v3/objects/companies/batch/read", "companies-batch.json");

        await _h.CreateAdapter().GetCompaniesAsync([.. Enumerable.Range(1, 150).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], CancellationToken.None);

        var sizes = _h.Fake.Requests("/crm/v3/objects/companies/batch/read").Select(r => HubSpotFake.Body(r).GetProperty("inputs").GetArrayLength()).Order();
        Assert.Equal([50, 100], sizes);
    }

    [Fact]
    public async Task GetContactsAsync_MapsNameRoleAndCompany()
    {
        _h.Fake.Post("/crm/v3/objects/contacts/batch/read", "contacts-batch.json");

        var contacts = await _h.CreateAdapter().GetContactsAsync(["901", "902"], CancellationToken.None);

        Assert.Equal("Jane Roe", contacts[0].FullName);
        Assert.Equal("CFO", contacts[0].Position);
        Assert.Equal(ContactRole.DecisionMaker, contacts[0].Role);
        Assert.Equal("501", contacts[0].CompanyId);
        Assert.Equal(new DateTimeOffset(2026, 2, 2, 0, 0, 0, TimeSpan.Zero), contacts[0].UpdatedAt);
        Assert.Equal("ops@acme.io", contacts[1].FullName);
        Assert.Equal(ContactRole.Champion, contacts[1].Role);
        Assert.Null(contacts[1].CompanyId);
    }

    [Fact]
    public async Task GetRemovedDealsPageAsync_ReturnsDealsArchivedSince()
    {
        _h.Fake.Get("/crm/v3/objects/deals", "archived-deals.json");

        var page = await _h.CreateAdapter().GetRemovedDealsPageAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), null, CancellationToken.None);

        Assert.Equal(["201"], page.DealIds);
        Assert.Null(page.NextPageToken);
        Assert.Equal("true", HubSpotFake.Query(_h.Fake.Requests("/crm/v3/objects/deals").Single(), "archived"));
    }

    [Fact]
    public async Task FindDealByMarkerAsync_SearchesTheMarkerPropertyAndReadsLinks()
    {
        _h.Fake.Pipelines();
        _h.Fake.Post("/crm/v3/objects/deals/search", "search-marker.json");
        _h.Fake.Post("/crm/v4/associations/deals/companies/batch/read", "associations-companies.json");
        _h.Fake.Post("/crm/v4/associations/deals/contacts/batch/read", "associations-contacts.json");

        var deal = await _h.CreateAdapter().FindDealByMarkerAsync("cs-123", CancellationToken.None);

        Assert.NotNull(deal);
        Assert.Equal("777", deal.ExternalId);
        Assert.Equal("501", deal.CompanyId);
        Assert.Equal(["901"], deal.ContactIds);
        Assert.Equal("cs-123", deal.Fields["deal.crmbridge_marker"]);
        var filter = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/deals/search").Single()).GetProperty("filterGroups")[0].GetProperty("filters")[0];
        Assert.Equal("crmbridge_marker", filter.GetProperty("propertyName").GetString());
        Assert.Equal("EQ", filter.GetProperty("operator").GetString());
        Assert.Equal("cs-123", filter.GetProperty("value").GetString());
        var links = HubSpotFake.Body(_h.Fake.Requests("/crm/v4/associations/deals/contacts/batch/read").Single());
        Assert.Equal("777", links.GetProperty("inputs")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task FindDealByMarkerAsync_NoMatch_ReturnsNull()
    {
        _h.Fake.Post("/crm/v3/objects/deals/search", "search-empty.json");

        Assert.Null(await _h.CreateAdapter().FindDealByMarkerAsync("cs-404", CancellationToken.None));
    }

    [Fact]
    public async Task FindDealByMarkerAsync_MarkerMappedInFieldMap_SearchesThatProperty()
    {
        _h.Connection.FieldMap["deal.crmbridge_marker"] = "x_bridge_key";
        _h.Fake.Post("/crm/v3/objects/deals/search", "search-empty.json");

        await _h.CreateAdapter().FindDealByMarkerAsync("cs-1", CancellationToken.None);

        var filter = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/deals/search").Single()).GetProperty("filterGroups")[0].GetProperty("filters")[0];
        Assert.Equal("x_bridge_key", filter.GetProperty("propertyName").GetString());
    }
}
