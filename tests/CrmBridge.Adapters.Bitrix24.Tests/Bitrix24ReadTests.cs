using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>Reads against a WireMock portal answering with documented payload shapes.</summary>
public sealed class Bitrix24ReadTests : IDisposable
{
    private readonly Bitrix24Harness _h = new();

    public Bitrix24ReadTests() => _h.Fake.Portal();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetPipelinesAsync_CategoriesAndStatuses_MapsPrefixedStagesAndOutcomesFromSemantics()
    {
        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(["0", "2"], pipelines.Select(p => p.ExternalId));
        var general = pipelines[0];
        Assert.Equal("General", general.Name);
        Assert.Equal(["NEW", "PREPARATION", "WON", "LOSE", "APOLOGY"], general.Stages.Select(s => s.ExternalId));
        Assert.Equal(
            [StageOutcome.Open, StageOutcome.Open, StageOutcome.Won, StageOutcome.Lost, StageOutcome.Lost],
            general.Stages.Select(s => s.Outcome));
        var cs = pipelines[1];
        Assert.Equal(["C2:NEW", "C2:EXECUTING", "C2:WON", "C2:LOSE"], cs.Stages.Select(s => s.ExternalId));
        Assert.All(cs.Stages, s => Assert.Equal("2", s.PipelineId));

        // "Won over, awaiting payment" is an in-progress stage: the name says nothing, the semantics do.
        Assert.Equal(StageOutcome.Open, cs.Stages.Single(s => s.ExternalId == "C2:EXECUTING").Outcome);
        var stageCalls = _h.Fake.SubCalls.Where(c => c.Command.StartsWith("crm.status.list", StringComparison.Ordinal)).ToList();
        Assert.Contains(stageCalls, c => c.Command.Contains("filter[ENTITY_ID]=DEAL_STAGE&", StringComparison.Ordinal));
        Assert.Contains(stageCalls, c => c.Command.Contains("filter[ENTITY_ID]=DEAL_STAGE_2", StringComparison.Ordinal));
        Assert.Single(_h.Fake.Requests("batch"));
    }

    [Fact]
    public async Task GetDealsPageAsync_FullSync_PagesTheFastWayToTheEnd_ReadingEachNextPageInTheActivitiesBatch()
    {
        _h.Fake.On("crm.item.list", "deals-page1.json", body: b => AfterId(b) is null);
        _h.Fake.OnSubCall("crm.item.list", _ => Bitrix24Fake.FixtureNode("deals-page2.json")["result"]!.DeepClone(), c => c.Contains("entityTypeId=2", StringComparison.Ordinal));
        var adapter = _h.CreateAdapter();

        var first = await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);
        var second = await adapter.GetDealsPageAsync(new DealPageRequest(null, first.NextPageToken), CancellationToken.None);

        Assert.Equal(49, first.Deals.Count);
        Assert.Equal("7", Assert.Single(first.Skipped).ExternalId);
        Assert.NotNull(first.NextPageToken);
        Assert.Equal(3, second.Deals.Count);
        Assert.Null(second.NextPageToken);

        // One direct list call; the second page came in the batch that read the first page's next activities.
        var list = Bitrix24Fake.Body(Assert.Single(_h.Fake.Requests("crm.item.list")));
        Assert.Equal(2, list.GetProperty("entityTypeId").GetInt32());
        Assert.Equal(-1, list.GetProperty("start").GetInt32());
        Assert.Equal("ASC", list.GetProperty("order").GetProperty("id").GetString());
        Assert.Equal("Y", list.GetProperty("useOriginalUfNames").GetString());
        var select = list.GetProperty("select").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("UF_CRM_SOURCE", select);
        Assert.Contains("UF_CRM_1746431727372", select);
        Assert.Contains("contactIds", select);
        var nextPage = Assert.Single(_h.Fake.SubCalls, c => c.Command.StartsWith("crm.item.list", StringComparison.Ordinal)).Command;
        Assert.Contains("entityTypeId=2", nextPage, StringComparison.Ordinal);
        Assert.Contains("filter[%3Eid]=50", nextPage, StringComparison.Ordinal);
        Assert.Contains("start=-1", nextPage, StringComparison.Ordinal);
        Assert.Contains("order[id]=ASC", nextPage, StringComparison.Ordinal);
        Assert.Contains("select[", nextPage, StringComparison.Ordinal);
        Assert.Contains("=UF_CRM_SOURCE", nextPage, StringComparison.Ordinal);
        Assert.Equal(2, _h.Fake.SubCalls.Count(c => c.Command.StartsWith("crm.activity.list", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetPipelinesAsync_ReadsTheFieldDefinitionsInTheStagesBatch_SoDealsNeedNoFurtherBatch()
    {
        _h.Fake.On("crm.item.list", "deals-page2.json");
        var adapter = _h.CreateAdapter();

        await adapter.GetPipelinesAsync(CancellationToken.None);
        var page = await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);

        Assert.Equal(3, page.Deals.Count);
        Assert.Equal("website", page.Deals.Single(d => d.ExternalId == "51").Fields["deal.source"]);
        var first = Bitrix24Fake.Body(_h.Fake.Requests("batch")[0]).GetProperty("cmd").EnumerateObject().Select(p => p.Value.GetString()!).ToList();
        Assert.Contains(first, c => c.StartsWith("crm.status.list", StringComparison.Ordinal));
        Assert.Equal(3, first.Count(c => c.StartsWith("crm.item.fields", StringComparison.Ordinal)));
        Assert.Equal(3, _h.Fake.SubCalls.Count(c => c.Command.StartsWith("crm.item.fields", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetDealsPageAsync_FullPageFollowedByAnEmptyOne_EndsWithoutAnotherRequest()
    {
        _h.Fake.On("crm.item.list", "deals-page1.json");
        _h.Fake.OnSubCall("crm.item.list", _ => JsonNode.Parse("""{"items":[]}"""), c => c.Contains("entityTypeId=2", StringComparison.Ordinal));
        var adapter = _h.CreateAdapter();
        await adapter.GetPipelinesAsync(CancellationToken.None);
        await adapter.GetFieldDefinitionsAsync(CancellationToken.None);
        var before = _h.Fake.AllRequests.Count;

        var page = await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);

        Assert.Null(page.NextPageToken);
        Assert.Equal(2, _h.Fake.AllRequests.Count - before);
    }

    [Fact]
    public async Task GetDealsPageAsync_TokenFromAnotherRun_ListsThePageItself()
    {
        _h.Fake.On("crm.item.list", "deals-page2.json", body: b => AfterId(b) == 50);

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, Paging.Bitrix24PageToken.Encode(50)), CancellationToken.None);

        Assert.Equal(3, page.Deals.Count);
        Assert.Single(_h.Fake.Requests("crm.item.list"));
        Assert.DoesNotContain(_h.Fake.SubCalls, c => c.Command.StartsWith("crm.item.list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDealsPageAsync_IncrementalFullPage_ReadsTheNextPageWithTheSameWindow()
    {
        _h.Fake.On("crm.item.list", "deals-page1.json");
        _h.Fake.OnSubCall("crm.item.list", _ => JsonNode.Parse("""{"items":[]}"""), c => c.Contains("entityTypeId=2", StringComparison.Ordinal));
        var adapter = _h.CreateAdapter();
        await adapter.GetPipelinesAsync(CancellationToken.None);

        await adapter.GetDealsPageAsync(new DealPageRequest(new DateTimeOffset(2024, 9, 2, 15, 37, 18, TimeSpan.Zero), null), CancellationToken.None);

        var nextPage = Assert.Single(_h.Fake.SubCalls, c => c.Command.StartsWith("crm.item.list", StringComparison.Ordinal)).Command;
        Assert.Contains("filter[%3E%3DupdatedTime]=2024-09-02T18%3A37%3A18%2B03%3A00", nextPage, StringComparison.Ordinal);
        Assert.Contains("filter[%3Eid]=50", nextPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDealsPageAsync_MoreThanFiftyOpenActivities_ReadsOnByIdAndKeepsTheEarliest()
    {
        _h.Fake.On("crm.item.list", "deals-page2.json");
        var many = new JsonArray([.. Enumerable.Range(100, 50).Select(i => (JsonNode)JsonNode.Parse(
            $$"""{"ID":"{{i}}","OWNER_ID":"52","OWNER_TYPE_ID":"2","DEADLINE":"2024-10-01T12:00:00+03:00"}""")!)]);
        _h.Fake.OnSubCall("crm.activity.list", _ => many.DeepClone(), c => !c.Contains("%3EID", StringComparison.Ordinal));
        _h.Fake.OnSubCall(
            "crm.activity.list",
            _ => JsonNode.Parse("""[{"ID":"150","OWNER_ID":"52","OWNER_TYPE_ID":"2","DEADLINE":"2024-09-20T12:00:00+03:00"}]"""),
            c => c.Contains("filter[%3EID]=149", StringComparison.Ordinal));

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2024, 9, 20, 9, 0, 0, TimeSpan.Zero), page.Deals.Single(d => d.ExternalId == "52").NextActivityAt);
        Assert.Equal(2, _h.Fake.SubCalls.Count(c => c.Command.StartsWith("crm.activity.list", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetDealsPageAsync_Incremental_FiltersOnUpdatedTimeInThePortalsOffset()
    {
        _h.Fake.On("crm.item.list", "deals-page2.json");
        var adapter = _h.CreateAdapter();
        await adapter.GetPipelinesAsync(CancellationToken.None);

        var page = await adapter.GetDealsPageAsync(
            new DealPageRequest(new DateTimeOffset(2024, 9, 2, 15, 37, 18, 456, TimeSpan.Zero), null), CancellationToken.None);

        Assert.Equal(3, page.Deals.Count);
        Assert.Null(page.NextPageToken);
        var filter = Bitrix24Fake.Body(_h.Fake.Requests("crm.item.list").Single()).GetProperty("filter");
        Assert.Equal("2024-09-02T18:37:18+03:00", filter.GetProperty(">=updatedTime").GetString());
        Assert.False(filter.TryGetProperty(">id", out _));
        Assert.Equal(new DateTimeOffset(2024, 9, 2, 15, 0, 0, TimeSpan.Zero), page.Deals.Single(d => d.ExternalId == "52").UpdatedAt);
    }

    [Fact]
    public async Task GetDealsPageAsync_MapsStatusTimesLinksAndCustomFields()
    {
        _h.Fake.On("crm.item.list", "deals-page1.json");
        _h.Fake.OnSubCall("crm.item.list", _ => JsonNode.Parse("""{"items":[]}"""), c => c.Contains("entityTypeId=2", StringComparison.Ordinal));
        _h.Fake.OnSubCall("crm.activity.list", _ => JsonNode.Parse("""
            [{"ID":"77","OWNER_ID":"1","OWNER_TYPE_ID":"2","DEADLINE":"2024-09-12T12:00:00+03:00"},
             {"ID":"78","OWNER_ID":"1","OWNER_TYPE_ID":"2","DEADLINE":"2024-09-10T12:00:00+03:00"},
             {"ID":"79","OWNER_ID":"1","OWNER_TYPE_ID":"3","DEADLINE":"2024-09-01T12:00:00+03:00"}]
            """));

        var deals = (await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None)).Deals.ToDictionary(d => d.ExternalId);

        var open = deals["1"];
        Assert.Equal("Deal 1", open.Name);
        Assert.Equal("0", open.PipelineId);
        Assert.Equal("NEW", open.StageId);
        Assert.Equal(DealStatus.Open, open.Status);
        Assert.Equal(1001m, open.Amount);
        Assert.Equal("RUB", open.Currency);
        Assert.Equal("1", open.OwnerId);
        Assert.Equal("11", open.CompanyId);
        Assert.Equal(["101"], open.ContactIds);
        Assert.Equal(new DateTimeOffset(2024, 8, 1, 7, 0, 0, TimeSpan.Zero), open.CreatedAt);
        Assert.Equal(new DateTimeOffset(2024, 8, 15, 7, 0, 0, TimeSpan.Zero), open.StageEnteredAt);
        Assert.Equal(new DateTimeOffset(2024, 8, 20, 9, 0, 0, TimeSpan.Zero), open.LastActivityAt);
        Assert.Equal(new DateTimeOffset(2024, 9, 10, 9, 0, 0, TimeSpan.Zero), open.NextActivityAt);
        Assert.Null(open.ClosedAt);
        Assert.Equal("website", open.Fields["deal.source"]);
        Assert.False(open.Fields.ContainsKey("deal.lost_reason"));

        var lost = deals["2"];
        Assert.Equal(DealStatus.Lost, lost.Status);
        Assert.Equal("Chose a competitor", lost.LostReason);
        Assert.Equal(new DateTimeOffset(2024, 8, 30, 12, 0, 0, TimeSpan.Zero), lost.ClosedAt);
        Assert.Equal(DealStatus.Lost, deals["3"].Status);
        Assert.Null(deals["3"].LostReason);
        Assert.Equal(DealStatus.Won, deals["4"].Status);
        Assert.Equal(250000.75m, deals["4"].Amount);
        Assert.Null(deals["5"].CompanyId);
        Assert.Empty(deals["5"].ContactIds);
        Assert.Null(deals["5"].Fields["deal.source"]);
        Assert.Equal(DealStatus.Open, deals["6"].Status);
        Assert.Equal("2", deals["6"].PipelineId);
        Assert.Null(deals["2"].NextActivityAt);

        // One sub-call over the page's deals (BINDINGS), in the batch that also read the next page.
        var activityCall = Assert.Single(_h.Fake.SubCalls, c => c.Command.StartsWith("crm.activity.list", StringComparison.Ordinal)).Command;
        Assert.Contains("filter[BINDINGS][0][OWNER_TYPE_ID]=2&filter[BINDINGS][0][OWNER_ID]=1&", activityCall, StringComparison.Ordinal);
        Assert.Contains("filter[BINDINGS][49][OWNER_ID]=", activityCall, StringComparison.Ordinal);
        Assert.Contains("filter[OWNER_TYPE_ID]=2", activityCall, StringComparison.Ordinal);
        Assert.Contains("filter[COMPLETED]=N", activityCall, StringComparison.Ordinal);
        Assert.Contains("order[ID]=ASC", activityCall, StringComparison.Ordinal);
        Assert.Contains("start=-1", activityCall, StringComparison.Ordinal);
        var batch = Assert.Single(_h.Fake.Requests("batch"), r => Bitrix24Fake.Body(r).GetProperty("cmd").TryGetProperty("activities", out _));
        Assert.Equal(["activities", "nextPage"], Bitrix24Fake.Body(batch).GetProperty("cmd").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task GetDealsPageAsync_WithoutLostReasonField_TakesTheFailureStageAsTheReason()
    {
        _h.Connection.FieldMap.Remove("deal.lost_reason");
        _h.Fake.On("crm.item.list", "deals-page1.json");

        var deals = (await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None)).Deals.ToDictionary(d => d.ExternalId);

        Assert.Equal("Deal lost", deals["2"].LostReason);
        Assert.Equal("Analyze failure", deals["3"].LostReason);
    }

    [Fact]
    public async Task GetDealsPageAsync_ListWithoutContactIds_ReadsTheLinksInOneBatch()
    {
        var page = Bitrix24Fake.FixtureNode("deals-page2.json");
        foreach (var item in page["result"]!["items"]!.AsArray())
        {
            item!.AsObject().Remove("contactIds");
        }

        _h.Fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(Bitrix24Fake.MethodPath("crm.item.list")).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody(page.ToJsonString()));
        _h.Fake.OnSubCall("crm.deal.contact.items.get", c => JsonNode.Parse(c.EndsWith("id=52", StringComparison.Ordinal)
            ? """[{"CONTACT_ID":301,"SORT":20,"ROLE_ID":0,"IS_PRIMARY":"N"},{"CONTACT_ID":300,"SORT":10,"ROLE_ID":0,"IS_PRIMARY":"Y"}]"""
            : "[]"));

        var deals = (await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None)).Deals.ToDictionary(d => d.ExternalId);

        Assert.Equal(["300", "301"], deals["52"].ContactIds);
        Assert.Empty(deals["51"].ContactIds);
        Assert.Equal(3, _h.Fake.SubCalls.Count(c => c.Command.StartsWith("crm.deal.contact.items.get", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetCompaniesAndContactsAsync_ReadFiftyIdsPerSubCallInOneBatch()
    {
        _h.Fake.OnSubCall("crm.item.list", _ => Bitrix24Fake.FixtureNode("companies.json"), c => c.Contains("entityTypeId=4", StringComparison.Ordinal));
        _h.Fake.OnSubCall("crm.item.list", _ => Bitrix24Fake.FixtureNode("contacts.json"), c => c.Contains("entityTypeId=3", StringComparison.Ordinal));
        var adapter = _h.CreateAdapter();
        var ids = Enumerable.Range(1, 120).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var companies = await adapter.GetCompaniesAsync(ids, CancellationToken.None);
        var contacts = await adapter.GetContactsAsync(["100", "101"], CancellationToken.None);

        var companyCalls = _h.Fake.SubCalls.Where(c => c.Command.Contains("entityTypeId=4", StringComparison.Ordinal) && c.Command.StartsWith("crm.item.list", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, companyCalls.Count);
        Assert.Contains("filter[%40id][49]=50", companyCalls[0].Command, StringComparison.Ordinal);
        Assert.DoesNotContain("filter[%40id][50]", companyCalls[0].Command, StringComparison.Ordinal);
        Assert.Contains("select[0]=%2A", companyCalls[0].Command, StringComparison.Ordinal);
        var company = companies.First(c => c.ExternalId == "10");
        Assert.Equal("Company 10", company.Name);
        Assert.Equal("company10.ru", company.Website);
        Assert.Equal("+7 495 000-00-00", company.Phone);
        Assert.Equal("7707083893", company.Inn);
        Assert.Equal("IT", company.Industry);
        Assert.Null(companies.First(c => c.ExternalId == "11").Website);

        var ivan = contacts.Single(c => c.ExternalId == "100");
        Assert.Equal("Ivan Sidorov", ivan.FullName);
        Assert.Equal("CTO", ivan.Position);
        Assert.Equal("ivan@company10.ru", ivan.Email);
        Assert.Equal(ContactRole.DecisionMaker, ivan.Role);
        Assert.Equal("10", ivan.CompanyId);
        var nameless = contacts.Single(c => c.ExternalId == "101");
        Assert.Equal("nobody@company11.ru", nameless.FullName);
        Assert.Equal(ContactRole.Unknown, nameless.Role);
    }

    [Fact]
    public async Task GetCompaniesAsync_SubCallInResultError_ThrowsTheCrmsMessage()
    {
        _h.Fake.OnSubCall("crm.item.list", c => c.Contains("%40id][0]=51", StringComparison.Ordinal)
            ? Bitrix24Fake.Error("INVALID_ARG_VALUE", "Invalid filter: field '@id' has invalid value")
            : Bitrix24Fake.FixtureNode("companies.json"));
        var ids = Enumerable.Range(1, 60).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().GetCompaniesAsync(ids, CancellationToken.None));

        Assert.Equal("batch crm.item.list", ex.Endpoint);
        Assert.Contains("INVALID_ARG_VALUE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("has invalid value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOwnersAndFieldDefinitionsAsync_MapUsersAndListItems()
    {
        _h.Fake.On("user.get", "users.json");

        var adapter = _h.CreateAdapter();
        var owners = await adapter.GetOwnersAsync(CancellationToken.None);
        var fields = await adapter.GetFieldDefinitionsAsync(CancellationToken.None);

        Assert.Equal(new Owner(Bitrix24Harness.ConnectionName, "1", "Anna Petrova", "anna@example.com"), owners[0]);
        Assert.Equal("integration@example.com", owners[1].Name);
        var lossReason = Assert.Single(fields, f => f.Key == "UF_CRM_1746431727372");
        Assert.True(lossReason.IsCustom);
        Assert.Equal("Loss reason", lossReason.Label);
        Assert.Equal("enumeration", lossReason.Type);
        Assert.Equal(new FieldOption("102", "Chose a competitor"), lossReason.Options[1]);
        Assert.False(Assert.Single(fields, f => f.Key == "title").IsCustom);
    }

    private static long? AfterId(string? body) =>
        JsonNode.Parse(body!)!["filter"]?[">id"]?.GetValue<long>();

    [Fact]
    public void Capabilities_SayNoDeletionFeedAndBatchesOf2500()
    {
        var capabilities = _h.CreateAdapter().Capabilities;

        Assert.False(capabilities.HasRemovedDealsFeed);
        Assert.Equal(50, capabilities.MaxPageSize);
        Assert.Equal(2500, capabilities.MaxBatchReadSize);
        Assert.True(capabilities.SupportsIncremental);
        Assert.True(capabilities.ReportsNextActivity);
    }
}
