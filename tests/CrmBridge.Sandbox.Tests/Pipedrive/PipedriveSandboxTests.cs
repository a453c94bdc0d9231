using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.Pipedrive;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Sandbox.Tests.Pipedrive;

public sealed class PipedriveSandboxTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string SourceKey = PipedriveSandbox.DealFieldKey(PipedriveSandbox.SourceFieldName);
    private static readonly string MarkerKey = PipedriveSandbox.DealFieldKey(PipedriveSandbox.MarkerFieldName);
    private readonly FakeTimeProvider time = new(Now);
    private CrmSandbox sandbox = null!;
    private PipedriveHttp http = null!;

    private PipedriveSandbox Pipedrive => sandbox.Pipedrive;

    public Task InitializeAsync()
    {
        sandbox = CrmSandbox.Start(new SandboxOptions { Now = Now, TimeProvider = time });
        http = new PipedriveHttp(sandbox);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task ListDeals_PagingToTheEnd_ReturnsEveryDealOnceInPipedrivesShape()
    {
        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var reply = await http.GetAsync($"/api/v2/deals?limit=100&include_fields=next_activity_id,last_activity_id,participants_count{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.True(reply.Json.GetProperty("success").GetBoolean());
            seen.AddRange(reply.Data.EnumerateArray());
            cursor = reply.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        var ids = seen.Select(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sandbox.Dataset.Deals.Select(d => Pipedrive.GetDealId(d.Key)), ids);

        var seeded = sandbox.Dataset.Deals.First(d => d.Status == DealStatus.Open && d.ContactKeys.Count > 1 && d.Amount is not null && d.Source is not null);
        var json = seen.Single(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == Pipedrive.GetDealId(seeded.Key));
        Assert.Equal(seeded.Name, json.GetProperty("title").GetString());
        Assert.Equal(seeded.Amount!.Value, json.GetProperty("value").GetDecimal());
        Assert.Equal("open", json.GetProperty("status").GetString());
        Assert.Equal(Pipedrive.GetStageId("sales", seeded.StageKey), json.GetProperty("stage_id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Pipedrive.GetContactId(seeded.ContactKeys[0]), json.GetProperty("person_id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(seeded.ContactKeys.Count, json.GetProperty("participants_count").GetInt32());
        Assert.Equal(Pipedrive.GetCompanyId(seeded.CompanyKey!), json.GetProperty("org_id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(PipedriveSandbox.SourceOptionId(seeded.Source!), json.GetProperty("custom_fields").GetProperty(SourceKey).GetInt64());
        Assert.Equal(40, SourceKey.Length);
        Assert.Matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", json.GetProperty("update_time").GetString()!);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("next_activity_id").ValueKind);
    }

    [Fact]
    public async Task ListDeals_ClosedDeals_CarryTheirStatusAndKeepAnOpenStage()
    {
        var reply = await http.GetAsync("/api/v2/deals?limit=500");

        var stages = (await http.GetAsync("/api/v2/stages?limit=500")).Data.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToHashSet();
        foreach (var seeded in sandbox.Dataset.Deals.Where(d => d.Status != DealStatus.Open))
        {
            var json = reply.Data.EnumerateArray().Single(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == Pipedrive.GetDealId(seeded.Key));
            Assert.Equal(seeded.Status == DealStatus.Won ? "won" : "lost", json.GetProperty("status").GetString());
            Assert.Contains(json.GetProperty("stage_id").GetInt64(), stages);
            Assert.Equal(seeded.LostReason, json.GetProperty("lost_reason").GetString());
            Assert.Equal(JsonValueKind.String, json.GetProperty(seeded.Status == DealStatus.Won ? "won_time" : "lost_time").ValueKind);
        }

        var missingAmount = sandbox.Dataset.Deals.First(d => d.Amount is null);
        Assert.Equal(0m, reply.Data.EnumerateArray().Single(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == Pipedrive.GetDealId(missingAmount.Key)).GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData("/api/v2/deals?limit=501")]
    [InlineData("/api/v2/deals?sort_by=title")]
    [InlineData("/api/v2/deals?updated_since=2026-01-01")]
    [InlineData("/api/v2/deals?cursor=not-a-cursor")]
    [InlineData("/api/v2/persons?limit=0")]
    public async Task Lists_InvalidParameters_Return400InPipedrivesErrorShape(string pathAndQuery)
    {
        var reply = await http.GetAsync(pathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.False(reply.Json.GetProperty("success").GetBoolean());
        Assert.False(string.IsNullOrEmpty(reply.Json.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task ListDeals_UpdatedSince_ReturnsOnlyDealsChangedSinceInUpdateTimeOrder()
    {
        var first = Pipedrive.GetDealId(sandbox.Dataset.Deals.First(d => d.Status == DealStatus.Open && d.StageKey != SandboxStageKeys.Signed).Key);
        var second = Pipedrive.GetDealId(sandbox.Dataset.Deals.Last(d => d.Status == DealStatus.Open).Key);
        time.Advance(TimeSpan.FromMinutes(10));
        Pipedrive.RenameDealTo(second, "second - renamed");
        time.Advance(TimeSpan.FromSeconds(30));
        var moved = Pipedrive.MoveDealToStage(first, Pipedrive.GetStageId("sales", SandboxStageKeys.Signed));

        var reply = await http.GetAsync($"/api/v2/deals?updated_since={Now.AddMinutes(5):yyyy-MM-dd'T'HH:mm:ss'Z'}&sort_by=update_time&sort_direction=asc&limit=500");

        Assert.Equal([second, first], reply.Data.EnumerateArray().Select(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(Now.AddMinutes(10).AddSeconds(30), moved.StageChangeTime);
        Assert.Equal(moved.UpdateTime, moved.StageChangeTime);
        Assert.Equal("2026-03-01T10:10:30Z", reply.Data[1].GetProperty("stage_change_time").GetString());
    }

    [Fact]
    public async Task DeleteAndMerge_LeaveTheListAndShowInTheDeletedList()
    {
        var deals = sandbox.Dataset.Deals.Where(d => d.Status == DealStatus.Open && d.ContactKeys.Count > 0).Take(3).Select(d => Pipedrive.GetDealId(d.Key)).ToList();
        var countBefore = Pipedrive.DealCount;

        var deleted = await http.SendAsync(HttpMethod.Delete, $"/api/v2/deals/{deals[0]}", null);
        Pipedrive.MergeDeals(deals[1], deals[2]);

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(countBefore - 2, Pipedrive.DealCount);
        var live = (await http.GetAsync("/api/v2/deals?limit=500")).Data.EnumerateArray().Select(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.DoesNotContain(deals[0], live);
        Assert.DoesNotContain(deals[1], live);
        var gone = (await http.GetAsync("/api/v2/deals?status=deleted&limit=500")).Data.EnumerateArray().ToList();
        Assert.Equal(deals.Take(2).Order(), gone.Select(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).Order());
        Assert.All(gone, d => Assert.True(d.GetProperty("is_deleted").GetBoolean()));
        var merged = Pipedrive.GetDeal(deals[1]);
        Assert.Equal(deals[2], merged.MergedIntoId);
        var survivor = Pipedrive.GetDeal(deals[2]);
        Assert.Contains(merged.PersonId!, survivor.ParticipantIds.Append(survivor.PersonId));
        Assert.Equal(HttpStatusCode.NotFound, (await http.PatchAsync($"/api/v2/deals/{deals[0]}", new { title = "x" })).Status);
    }

    [Fact]
    public async Task ArchiveDeal_MovesItToTheArchivedList()
    {
        var id = Pipedrive.GetDealId(sandbox.Dataset.Deals[0].Key);

        Pipedrive.ArchiveDeal(id);

        var live = await http.GetAsync("/api/v2/deals?limit=500");
        var archived = await http.GetAsync("/api/v2/deals/archived?limit=500");
        Assert.DoesNotContain(live.Data.EnumerateArray(), d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == id);
        var only = Assert.Single(archived.Data.EnumerateArray());
        Assert.True(only.GetProperty("is_archived").GetBoolean());
    }

    [Fact]
    public async Task CreateDeal_InClientSuccess_CanBeReadBackAndFoundByItsMarker()
    {
        var seeded = sandbox.Dataset.Deals.First(d => d.CompanyKey is not null && d.ContactKeys.Count > 0);
        var stage = long.Parse(Pipedrive.GetStageId(SandboxStageKeys.ClientSuccessPipeline, "month1"), CultureInfo.InvariantCulture);
        var body = new Dictionary<string, object?>
        {
            ["title"] = seeded.Name,
            ["pipeline_id"] = long.Parse(Pipedrive.GetPipelineId(SandboxStageKeys.ClientSuccessPipeline), CultureInfo.InvariantCulture),
            ["stage_id"] = stage,
            ["value"] = 120000,
            ["currency"] = "RUB",
            ["org_id"] = long.Parse(Pipedrive.GetCompanyId(seeded.CompanyKey!), CultureInfo.InvariantCulture),
            ["person_id"] = long.Parse(Pipedrive.GetContactId(seeded.ContactKeys[0]), CultureInfo.InvariantCulture),
            ["custom_fields"] = new Dictionary<string, object?> { [MarkerKey] = "crmbridge:cs:1", [SourceKey] = PipedriveSandbox.SourceOptionId("referral") },
        };

        var created = await http.PostAsync("/api/v2/deals", body);
        var id = created.Data.GetProperty("id").GetInt64();
        var participant = await http.PostAsync($"/v1/deals/{id}/participants", new { person_id = 1 });
        var found = await http.GetAsync("/api/v2/deals/search?term=crmbridge:cs:1&fields=custom_fields&exact_match=true");
        var notFound = await http.GetAsync("/api/v2/deals/search?term=crmbridge:cs&fields=custom_fields&exact_match=true");
        var persons = await http.GetAsync($"/api/v2/persons?deal_id={id}");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(JsonValueKind.Null, created.Data.GetProperty("stage_change_time").ValueKind);
        Assert.Equal(HttpStatusCode.OK, participant.Status);
        Assert.Equal(id, Assert.Single(found.Data.GetProperty("items").EnumerateArray()).GetProperty("item").GetProperty("id").GetInt64());
        Assert.Empty(notFound.Data.GetProperty("items").EnumerateArray());
        Assert.Equal(2, persons.Data.GetArrayLength());
        var state = Pipedrive.GetDealState(id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("crmbridge:cs:1", state.Fields[CanonicalFields.DealMarker]);
        Assert.Equal("referral", state.Fields[CanonicalFields.DealSource]);
        Assert.Equal(120000m, state.Amount);
        Assert.Equal(2, state.ContactIds.Count);
        Assert.Equal(sandbox.Dataset.Deals.Count + 1, Pipedrive.DealCount);
    }

    [Theory]
    [InlineData("""{"pipeline_id":1}""", "title is required")]
    [InlineData("""{"title":"x","stage_id":99999}""", "stage not found")]
    [InlineData("""{"title":"x","pipeline_id":2,"stage_id":1}""", "is not a stage of pipeline 2")]
    [InlineData("""{"title":"x","name":"y"}""", "additional properties")]
    [InlineData("""{"title":"x","org_id":"5"}""", "must be integer")]
    [InlineData("""{"title":"x","custom_fields":{"0000000000000000000000000000000000000000":"v"}}""", "unknown field key")]
    public async Task CreateDeal_Invalid_Returns400AndCreatesNothing(string json, string message)
    {
        var reply = await http.PostAsync("/api/v2/deals", json);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(message, reply.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(sandbox.Dataset.Deals.Count, Pipedrive.DealCount);
    }

    [Fact]
    public async Task CreateDeal_EnumValueAsLabel_IsRejectedAsV2IsStrict()
    {
        var reply = await http.PostAsync("/api/v2/deals", "{\"title\":\"x\",\"custom_fields\":{\"" + SourceKey + "\":\"referral\"}}");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("option ids", reply.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchDeal_MovesStageAndSetsStatusKeepingTheStage()
    {
        var seeded = sandbox.Dataset.Deals.First(d => d.Status == DealStatus.Open && d.StageKey != SandboxStageKeys.OfferSent);
        var id = Pipedrive.GetDealId(seeded.Key);
        time.Advance(TimeSpan.FromHours(1));
        var target = long.Parse(Pipedrive.GetStageId("sales", SandboxStageKeys.OfferSent), CultureInfo.InvariantCulture);

        var moved = await http.PatchAsync($"/api/v2/deals/{id}", new { stage_id = target, title = "moved" });
        time.Advance(TimeSpan.FromHours(1));
        var lost = await http.PatchAsync($"/api/v2/deals/{id}", new { status = "lost", lost_reason = "No answer" });

        Assert.Equal(target, moved.Data.GetProperty("stage_id").GetInt64());
        Assert.Equal("2026-03-01T11:00:00Z", moved.Data.GetProperty("stage_change_time").GetString());
        Assert.Equal("lost", lost.Data.GetProperty("status").GetString());
        Assert.Equal(target, lost.Data.GetProperty("stage_id").GetInt64());
        Assert.Equal("No answer", lost.Data.GetProperty("lost_reason").GetString());
        Assert.Equal("2026-03-01T12:00:00Z", lost.Data.GetProperty("lost_time").GetString());
        Assert.Equal("2026-03-01T11:00:00Z", lost.Data.GetProperty("stage_change_time").GetString());
    }

    [Fact]
    public async Task Activities_ByIds_GiveTheDueTimesOfTheDealsLastAndNextActivity()
    {
        var seeded = sandbox.Dataset.Deals.First(d => d.LastActivityAt is not null && d.NextActivityAt is not null);
        var deal = (await http.GetAsync($"/api/v2/deals/{Pipedrive.GetDealId(seeded.Key)}?include_fields=next_activity_id,last_activity_id")).Data;
        var last = deal.GetProperty("last_activity_id").GetInt64();
        var next = deal.GetProperty("next_activity_id").GetInt64();

        var reply = await http.GetAsync($"/api/v2/activities?ids={next},{last}");

        var activities = reply.Data.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetInt64());
        Assert.True(activities[last].GetProperty("done").GetBoolean());
        Assert.Equal(seeded.LastActivityAt!.Value.ToUnixTimeSeconds(), DateTimeOffset.Parse(activities[last].GetProperty("marked_as_done_time").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.False(activities[next].GetProperty("done").GetBoolean());
        var due = DateTimeOffset.Parse($"{activities[next].GetProperty("due_date").GetString()}T{activities[next].GetProperty("due_time").GetString()}Z", CultureInfo.InvariantCulture);
        Assert.Equal(seeded.NextActivityAt!.Value.ToUnixTimeSeconds(), due.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task CreateActivityAndNote_OnADeal_AreKeptAndTheTaskBecomesTheNextActivity()
    {
        var seeded = sandbox.Dataset.Deals.First(d => d.NextActivityAt is not null);
        var id = long.Parse(Pipedrive.GetDealId(seeded.Key), CultureInfo.InvariantCulture);
        var owner = long.Parse(Pipedrive.GetOwnerId(seeded.OwnerKey), CultureInfo.InvariantCulture);

        var task = await http.PostAsync("/api/v2/activities", new { subject = "Fill in the INN", type = "task", owner_id = owner, deal_id = id, due_date = "2026-03-01", due_time = "12:00", done = false });
        var note = await http.PostAsync("/v1/notes", new { content = "Carried over", deal_id = id });
        var deal = (await http.GetAsync($"/api/v2/deals/{id}?include_fields=next_activity_id")).Data;

        Assert.Equal(HttpStatusCode.Created, task.Status);
        Assert.Equal("12:00:00", task.Data.GetProperty("due_time").GetString());
        Assert.Equal(task.Data.GetProperty("id").GetInt64(), deal.GetProperty("next_activity_id").GetInt64());
        Assert.Equal("2026-03-01 10:00:00", note.Data.GetProperty("add_time").GetString());
        Assert.Equal(("Carried over", id.ToString(CultureInfo.InvariantCulture)), (Pipedrive.Notes.Single().Content, Pipedrive.Notes.Single().DealId));
        Assert.Equal("Fill in the INN", Pipedrive.CreatedActivities.Single().Subject);
    }

    [Fact]
    public async Task Fields_V1_AreOffsetPagedWithHashKeysAndOptions()
    {
        var first = await http.GetAsync("/v1/dealFields?start=0&limit=10");
        var rest = await http.GetAsync("/v1/dealFields?start=10&limit=500");

        var pagination = first.Json.GetProperty("additional_data").GetProperty("pagination");
        Assert.True(pagination.GetProperty("more_items_in_collection").GetBoolean());
        Assert.Equal(10, pagination.GetProperty("next_start").GetInt32());
        Assert.False(rest.Json.GetProperty("additional_data").GetProperty("pagination").GetProperty("more_items_in_collection").GetBoolean());
        var source = rest.Data.EnumerateArray().Single(f => f.GetProperty("name").GetString() == PipedriveSandbox.SourceFieldName);
        Assert.Equal(SourceKey, source.GetProperty("key").GetString());
        Assert.Equal("enum", source.GetProperty("field_type").GetString());
        Assert.True(source.GetProperty("edit_flag").GetBoolean());
        Assert.Equal(SalesMethodDefaults.DealSources.Select(s => s.Value), source.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("label").GetString()));
        var role = (await http.GetAsync("/v1/personFields")).Data.EnumerateArray().Single(f => f.GetProperty("name").GetString() == PipedriveSandbox.BuyingRoleFieldName);
        Assert.Equal(3, role.GetProperty("options").GetArrayLength());
    }

    [Fact]
    public async Task PipelinesStagesUsersOrganizationsAndPersons_ServeTheDataset()
    {
        var pipelines = (await http.GetAsync("/api/v2/pipelines")).Data;
        var stages = (await http.GetAsync($"/api/v2/stages?pipeline_id={Pipedrive.GetPipelineId("sales")}&limit=500")).Data;
        var users = (await http.GetAsync("/v1/users")).Data;
        var company = sandbox.Dataset.Companies[0];
        var organization = (await http.GetAsync($"/api/v2/organizations?ids={Pipedrive.GetCompanyId(company.Key)}")).Data[0];
        var contact = sandbox.Dataset.Contacts.First(c => c.Role == ContactRole.DecisionMaker);
        var person = (await http.GetAsync($"/api/v2/persons?ids={Pipedrive.GetContactId(contact.Key)}")).Data[0];

        Assert.Equal(["Sales", "Client Success"], pipelines.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(sandbox.Dataset.SalesPipeline.Stages.Where(s => s.Outcome == StageOutcome.Open).Select(s => s.Name), stages.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(sandbox.Dataset.Owners.Count, users.GetArrayLength());
        Assert.Equal(company.Name, organization.GetProperty("name").GetString());
        Assert.Equal(company.Inn, organization.GetProperty("custom_fields").GetProperty(PipedriveSandbox.OrganizationFieldKey(PipedriveSandbox.InnFieldName)).GetString());
        Assert.Equal(company.Website, organization.GetProperty("custom_fields").GetProperty(PipedriveSandbox.OrganizationFieldKey(PipedriveSandbox.WebsiteFieldName)).GetString());
        Assert.Equal(contact.FullName, person.GetProperty("name").GetString());
        Assert.Equal(contact.Email, person.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.Equal(contact.Position, person.GetProperty("job_title").GetString());
        Assert.Equal(JsonValueKind.Number, person.GetProperty("custom_fields").GetProperty(PipedriveSandbox.PersonFieldKey(PipedriveSandbox.BuyingRoleFieldName)).ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"/api/v2/persons?ids={string.Join(',', Enumerable.Range(1, 101))}")).Status);
    }

    [Fact]
    public async Task Auth_ApiTokenOrBearer_IsAcceptedAndExpiredOrMissingIsRefusedWithTheDocumentedBody()
    {
        Assert.Equal(40, Pipedrive.ApiToken.Length);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/users")).Status);
        http.ApiToken = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/users")).Status);
        http.Bearer = Pipedrive.OAuthToken;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/users")).Status);

        Pipedrive.ExpireToken();
        var expired = await http.GetAsync("/api/v2/deals");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal("unauthorized access", expired.Json.GetProperty("error").GetString());
        Assert.False(expired.Json.GetProperty("success").GetBoolean());
        Assert.All(Pipedrive.Requests, r => Assert.DoesNotContain(Pipedrive.ApiToken, r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownEndpoint_Returns404()
    {
        var reply = await http.GetAsync("/api/v2/leads");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("/pipedrive/api/v2/leads", Pipedrive.Requests[^1].Path);
    }

    [Fact]
    public void SandboxCrm_ClosingStagesMapToTheStagesClosedDealsStandIn_AndMovingThereSetsTheStatus()
    {
        var crm = (ISandboxCrm)Pipedrive;
        var open = sandbox.Dataset.SalesPipeline.Stages.Where(s => s.Outcome == StageOutcome.Open).ToList();
        var deal = sandbox.Dataset.Deals.First(d => d.Status == DealStatus.Open);
        var id = crm.GetDealId(deal.Key);

        crm.MoveDealToStage(id, "sales", SandboxStageKeys.Won);

        Assert.Equal(crm.GetStageId("sales", open[^1].Key), crm.GetStageId("sales", SandboxStageKeys.Won));
        Assert.Equal(crm.GetStageId("sales", open[0].Key), crm.GetStageId("sales", SandboxStageKeys.Lost));
        Assert.Equal("won", Pipedrive.GetDeal(id).Status);
        Assert.Equal(crm.GetStageId("sales", deal.StageKey), crm.GetDealState(id).StageId);
        Assert.Equal(deal.Key, crm.FindDealKey(id));
        Assert.Equal(CrmKind.Pipedrive, crm.Kind);
        Assert.Contains(crm, sandbox.Crms);
    }

    [Fact]
    public async Task RateLimit_OverTheBudget_Returns429WithRateLimitHeadersUntilTheWindowPasses()
    {
        await using var limited = CrmSandbox.Start(new SandboxOptions { Now = Now, TimeProvider = time, DealCount = 5, PipedriveRateLimit = new SandboxRateLimit(3, TimeSpan.FromSeconds(2)) });
        using var client = new PipedriveHttp(limited);

        var replies = new List<PipedriveHttp.Reply>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add(await client.GetAsync("/v1/users"));
        }

        time.Advance(TimeSpan.FromSeconds(2));
        var after = await client.GetAsync("/v1/users");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], replies.Select(r => r.Status));
        Assert.Equal(["2", "1", "0"], replies.Take(3).Select(r => r.Headers["x-ratelimit-remaining"]));
        Assert.Equal("3", replies[0].Headers["x-ratelimit-limit"]);
        Assert.Equal("Request over limit", replies[3].Json.GetProperty("error").GetString());
        Assert.Equal("2", replies[3].Headers["Retry-After"]);
        Assert.Equal("2", replies[3].Headers["x-ratelimit-reset"]);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task Scale_HundredThousandDeals_ServesPagesAndIncrementalQueriesQuickly()
    {
        await using var big = CrmSandbox.Start(new SandboxOptions { Now = Now, TimeProvider = time, DealCount = 100_000 });
        using var client = new PipedriveHttp(big);
        var last = big.Pipedrive.GetDealId(big.Dataset.Deals[^1].Key);
        big.Pipedrive.RenameDealTo(last, "renamed");

        var stopwatch = Stopwatch.StartNew();
        var first = await client.GetAsync("/api/v2/deals?limit=500&include_fields=next_activity_id,last_activity_id,participants_count");
        var deep = await client.GetAsync($"/api/v2/deals?limit=500&cursor={first.NextCursor}");
        var changed = await client.GetAsync($"/api/v2/deals?limit=500&updated_since={Now.AddSeconds(-1):yyyy-MM-dd'T'HH:mm:ss'Z'}&sort_by=update_time");
        stopwatch.Stop();

        Assert.Equal(100_000, big.Pipedrive.DealCount);
        Assert.Equal(500, first.Data.GetArrayLength());
        Assert.Equal(501, deep.Data[0].GetProperty("id").GetInt64());
        Assert.Contains(changed.Data.EnumerateArray(), d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == last);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"three pages took {stopwatch.Elapsed}");
    }
}
