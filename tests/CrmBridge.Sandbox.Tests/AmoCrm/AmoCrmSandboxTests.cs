using System.Globalization;
using System.Net;
using System.Text.Json;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.AmoCrm;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.Tests.AmoCrm;

/// <summary>The amoCRM dialect over HTTP: the same logical dataset in API v4's shapes, stateful, with single-use refresh tokens.</summary>
public sealed class AmoCrmSandboxTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private CrmSandbox _sandbox = null!;
    private AmoCrmHttp _http = null!;

    public Task InitializeAsync()
    {
        _sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 120, Now = Now });
        _http = new AmoCrmHttp(_sandbox);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Leads_PagingToTheEnd_ReturnsEveryLeadOnceThen204()
    {
        var ids = new List<long>();
        for (var page = 1; ; page++)
        {
            var reply = await _http.GetAsync($"api/v4/leads?page={page}&limit=50&with=contacts,loss_reason");
            if (reply.Status == HttpStatusCode.NoContent)
            {
                Assert.Equal("", reply.Text);
                break;
            }

            Assert.Equal(HttpStatusCode.OK, reply.Status);
            ids.AddRange(reply.Embedded("leads").Select(l => l.GetProperty("id").GetInt64()));
            Assert.Equal(page < 3, reply.Json.GetProperty("_links").TryGetProperty("next", out _));
        }

        Assert.Equal(120, ids.Count);
        Assert.Equal(120, ids.Distinct().Count());
    }

    [Fact]
    public async Task Leads_LimitOver250_IsCappedAt250()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 300, Now = Now });
        using var http = new AmoCrmHttp(sandbox);

        var reply = await http.GetAsync("api/v4/leads?limit=500");

        Assert.Equal(250, reply.Embedded("leads").Count);
    }

    [Fact]
    public async Task Leads_ByUpdatedAtFromAscending_ReturnsOnlyLaterLeadsOldestFirst()
    {
        var all = _sandbox.Dataset.Deals.Select(d => d.UpdatedAt.ToUnixTimeSeconds()).Order().ToList();
        var from = all[100];

        var reply = await _http.GetAsync($"api/v4/leads?filter[updated_at][from]={from}&order[updated_at]=asc&limit=250");

        var times = reply.Embedded("leads").Select(l => l.GetProperty("updated_at").GetInt64()).ToList();
        Assert.Equal(all.Count(t => t >= from), times.Count);
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.True(t >= from));
    }

    [Fact]
    public async Task Leads_ShapedLikeTheDataset_WithContactsCompaniesLossReasonAndFields()
    {
        var seeded = _sandbox.Dataset.Deals.First(d => d.Status == DealStatus.Lost && d.LostReason is not null && d.CompanyKey is not null && d.ContactKeys.Count > 0);
        var id = _sandbox.AmoCrm.GetDealId(seeded.Key);

        var lead = (await _http.GetAsync($"api/v4/leads/{id}?with=contacts,loss_reason")).Json;

        Assert.Equal(seeded.Name, lead.GetProperty("name").GetString());
        Assert.Equal(143, lead.GetProperty("status_id").GetInt64());
        Assert.Equal(AmoCrmSandbox.SalesPipelineId, lead.GetProperty("pipeline_id").GetInt64());
        Assert.Equal(seeded.CreatedAt.ToUnixTimeSeconds(), lead.GetProperty("created_at").GetInt64());
        Assert.Equal(seeded.UpdatedAt.ToUnixTimeSeconds(), lead.GetProperty("updated_at").GetInt64());
        Assert.Equal(seeded.LostReason, lead.GetProperty("_embedded").GetProperty("loss_reason")[0].GetProperty("name").GetString());
        Assert.Equal(_sandbox.AmoCrm.GetCompanyId(seeded.CompanyKey!), lead.GetProperty("_embedded").GetProperty("companies")[0].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
        var contacts = lead.GetProperty("_embedded").GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(seeded.ContactKeys.Select(_sandbox.AmoCrm.GetContactId), contacts.Select(c => c.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)));
        Assert.True(contacts[0].GetProperty("is_main").GetBoolean());
    }

    [Fact]
    public async Task Pipelines_SalesHasItsOwnUnsortedAndEveryPipelineTheSharedWonAndLost()
    {
        var pipelines = (await _http.GetAsync("api/v4/leads/pipelines")).Embedded("pipelines");

        Assert.Equal([AmoCrmSandbox.SalesPipelineId, AmoCrmSandbox.ClientSuccessPipelineId], pipelines.Select(p => p.GetProperty("id").GetInt64()));
        var unsortedCounts = new List<int>();
        foreach (var pipeline in pipelines)
        {
            var statuses = pipeline.GetProperty("_embedded").GetProperty("statuses").EnumerateArray().ToList();
            Assert.Contains(statuses, s => s.GetProperty("id").GetInt64() == 142);
            Assert.Contains(statuses, s => s.GetProperty("id").GetInt64() == 143);
            unsortedCounts.Add(statuses.Count(s => s.GetProperty("type").GetInt32() == 1));
        }

        // The Client Success pipeline has "unsorted" switched off, so month 1 is its first stage.
        Assert.Equal([1, 0], unsortedCounts);
        Assert.Equal("142", _sandbox.AmoCrm.GetStageId(SandboxStageKeys.SalesPipeline, SandboxStageKeys.Won));
    }

    [Fact]
    public async Task Events_StatusChangesAndCalls_MatchTheDatasetTimes()
    {
        var seeded = _sandbox.Dataset.Deals.First(d => d.StageEnteredAt.ToUnixTimeSeconds() > d.CreatedAt.ToUnixTimeSeconds() && d.LastActivityAt is not null);
        var id = _sandbox.AmoCrm.GetDealId(seeded.Key);

        var events = (await _http.GetAsync($"api/v4/events?filter[entity]=lead&filter[entity_id][]={id}&filter[type]=lead_status_changed,outgoing_call&limit=100")).Embedded("events");

        Assert.Equal(seeded.StageEnteredAt.ToUnixTimeSeconds(), events.Single(e => e.GetProperty("type").GetString() == "lead_status_changed").GetProperty("created_at").GetInt64());
        Assert.Equal(seeded.LastActivityAt!.Value.ToUnixTimeSeconds(), events.Single(e => e.GetProperty("type").GetString() == "outgoing_call").GetProperty("created_at").GetInt64());
    }

    [Fact]
    public async Task Events_MoreThanTenEntityIds_Returns400()
    {
        var query = string.Join('&', Enumerable.Range(0, 11).Select(i => $"filter[entity_id][]={_sandbox.AmoCrm.GetDealId(_sandbox.Dataset.Deals[i].Key)}"));

        var reply = await _http.GetAsync($"api/v4/events?filter[entity]=lead&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Fact]
    public async Task MoveDealToStage_RecordsAStatusEventAndBumpsUpdatedAt()
    {
        var seeded = _sandbox.Dataset.Deals.First(d => d.Status == DealStatus.Open);
        var id = _sandbox.AmoCrm.GetDealId(seeded.Key);

        _sandbox.AmoCrm.MoveDealToStage(id, SandboxStageKeys.SalesPipeline, SandboxStageKeys.Won);

        var lead = (await _http.GetAsync($"api/v4/leads/{id}")).Json;
        Assert.Equal(142, lead.GetProperty("status_id").GetInt64());
        Assert.True(lead.GetProperty("updated_at").GetInt64() >= Now.ToUnixTimeSeconds());
        Assert.True(lead.GetProperty("closed_at").GetInt64() >= Now.ToUnixTimeSeconds());
        var events = (await _http.GetAsync($"api/v4/events?filter[entity]=lead&filter[entity_id][]={id}&filter[type]=lead_status_changed&filter[created_at][from]={Now.ToUnixTimeSeconds()}")).Embedded("events");
        Assert.Equal(142, Assert.Single(events).GetProperty("value_after")[0].GetProperty("lead_status").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task RemoveDeal_MovesTheLeadToOnlyDeleted()
    {
        var id = _sandbox.AmoCrm.GetDealId(_sandbox.Dataset.Deals[3].Key);

        _sandbox.AmoCrm.RemoveDeal(id);

        var deleted = (await _http.GetAsync("api/v4/leads?with=only_deleted")).Embedded("leads");
        Assert.Equal(id, Assert.Single(deleted).GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.True(deleted[0].GetProperty("is_deleted").GetBoolean());
        Assert.Equal(119, _sandbox.AmoCrm.DealCount);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"api/v4/leads/{id}")).Status);
    }

    [Fact]
    public async Task CreateLead_WithLinksFieldsAndMarker_CanBeReadBackAndFoundByQuery()
    {
        var company = _sandbox.AmoCrm.GetCompanyId(_sandbox.Dataset.Companies[0].Key);
        var contact = _sandbox.AmoCrm.GetContactId(_sandbox.Dataset.Contacts[0].Key);
        var status = _sandbox.AmoCrm.GetStageId(SandboxStageKeys.ClientSuccessPipeline, "month1");
        var body = "[{\"name\":\"CS: test\",\"price\":5000,\"pipeline_id\":" + AmoCrmSandbox.ClientSuccessPipelineId + ",\"status_id\":" + status
            + ",\"custom_fields_values\":[{\"field_id\":600002,\"values\":[{\"value\":\"marker-42\"}]},{\"field_id\":600001,\"values\":[{\"enum_id\":611002}]}]"
            + ",\"_embedded\":{\"companies\":[{\"id\":" + company + "}],\"contacts\":[{\"id\":" + contact + ",\"is_main\":true}]}}]";

        var created = await _http.PostAsync("api/v4/leads", body);
        var id = created.Embedded("leads")[0].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var found = await _http.GetAsync("api/v4/leads?query=marker-42");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var state = _sandbox.AmoCrm.GetDealState(id);
        Assert.Equal("CS: test", state.Name);
        Assert.Equal(5000m, state.Amount);
        Assert.Equal(company, state.CompanyId);
        Assert.Equal([contact], state.ContactIds);
        Assert.Equal("marker-42", state.Fields[CanonicalFields.DealMarker]);
        Assert.Equal("referral", state.Fields[CanonicalFields.DealSource]);
        Assert.Equal(id, Assert.Single(found.Embedded("leads")).GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CreateLead_UnknownOptionOrStatus_Returns400WithValidationErrorsAndCreatesNothing()
    {
        var before = _sandbox.AmoCrm.DealCount;

        var badOption = await _http.PostAsync("api/v4/leads", """[{"name":"x","custom_fields_values":[{"field_id":600001,"values":[{"enum_id":1}]}]}]""");
        var badStatus = await _http.PostAsync("api/v4/leads", $$"""[{"name":"ok"},{"name":"x","pipeline_id":{{AmoCrmSandbox.SalesPipelineId}},"status_id":999}]""");

        Assert.Equal(HttpStatusCode.BadRequest, badOption.Status);
        Assert.Equal("custom_fields_values.0.values.0.enum_id", badOption.Json.GetProperty("validation-errors")[0].GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.Status);
        Assert.Equal("1", badStatus.Json.GetProperty("validation-errors")[0].GetProperty("request_id").GetString());
        Assert.Equal(before, _sandbox.AmoCrm.DealCount);
    }

    [Fact]
    public async Task PatchLead_ClearsAFieldWithNullValues()
    {
        var seeded = _sandbox.Dataset.Deals.First(d => d.Source is not null);
        var id = _sandbox.AmoCrm.GetDealId(seeded.Key);

        var reply = await _http.PatchAsync($"api/v4/leads/{id}", """{"name":"Renamed","custom_fields_values":[{"field_id":600001,"values":null}]}""");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var state = _sandbox.AmoCrm.GetDealState(id);
        Assert.Equal("Renamed", state.Name);
        Assert.Null(state.Fields[CanonicalFields.DealSource]);
    }

    [Fact]
    public async Task TasksAndNotes_CreatedOnALead_MoveItsClosestTaskAndShowAsActivity()
    {
        var seeded = _sandbox.Dataset.Deals.First(d => d.NextActivityAt is null && d.Status == DealStatus.Open);
        var id = _sandbox.AmoCrm.GetDealId(seeded.Key);
        var due = Now.AddDays(2).ToUnixTimeSeconds();

        var task = await _http.PostAsync("api/v4/tasks", $$"""[{"text":"Call","complete_till":{{due}},"entity_id":{{id}},"entity_type":"leads","task_type_id":1}]""");
        var note = await _http.PostAsync($"api/v4/leads/{id}/notes", """[{"note_type":"common","params":{"text":"Hello"}}]""");

        Assert.Equal(HttpStatusCode.OK, task.Status);
        Assert.Equal(HttpStatusCode.OK, note.Status);
        Assert.Equal(due, (await _http.GetAsync($"api/v4/leads/{id}")).Json.GetProperty("closest_task_at").GetInt64());
        Assert.Equal("Hello", Assert.Single(_sandbox.AmoCrm.Notes).Text);
        var events = (await _http.GetAsync($"api/v4/events?filter[entity]=lead&filter[entity_id][]={id}&filter[type]=common_note_added")).Embedded("events");
        Assert.Single(events);
    }

    [Fact]
    public async Task Request_WrongTokenOrAfterExpireToken_Returns401ProblemJson()
    {
        _http.Token = "wrong";
        var wrong = await _http.GetAsync("api/v4/account");
        _http.Token = _sandbox.AmoCrm.Token;
        _sandbox.AmoCrm.ExpireToken();
        var expired = await _http.GetAsync("api/v4/account");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal(401, expired.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OAuth_RefreshTokenWorksOnce_AndItsAccessTokenIsAccepted()
    {
        var refresh = _sandbox.AmoCrm.IssueRefreshToken();
        var body = new Dictionary<string, string>
        {
            ["client_id"] = _sandbox.AmoCrm.OAuthClientId,
            ["client_secret"] = _sandbox.AmoCrm.OAuthClientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["redirect_uri"] = _sandbox.AmoCrm.OAuthRedirectUri.AbsoluteUri,
        };
        _http.Token = null;

        var first = await _http.PostAsync("oauth2/access_token", body);
        var again = await _http.PostAsync("oauth2/access_token", body);
        _http.Token = first.Json.GetProperty("access_token").GetString();
        var account = await _http.GetAsync("api/v4/account");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(86400, first.Json.GetProperty("expires_in").GetInt64());
        Assert.NotEqual(refresh, first.Json.GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("Token has been revoked", again.Json.GetProperty("hint").GetString());
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Equal(1, _sandbox.AmoCrm.OAuthRefreshes);
    }

    [Fact]
    public async Task RateLimit_OverTheBudget_Returns429WithAPlainTextBodyAndRetryAfter()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 5, Now = Now, AmoCrmRateLimit = new SandboxRateLimit(2, TimeSpan.FromSeconds(10)) });
        using var http = new AmoCrmHttp(sandbox);

        var replies = new List<AmoCrmHttp.Reply>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add(await http.GetAsync("api/v4/account"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], replies.Select(r => r.Status));
        Assert.Equal("Too Many Requests", replies[2].Text);
        Assert.True(int.Parse(replies[2].Headers["Retry-After"], CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task Start_With100000Deals_ServesKeysetPagesQuickly()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 100_000, Now = Now });
        using var http = new AmoCrmHttp(sandbox);
        var from = sandbox.Dataset.Deals.Select(d => d.UpdatedAt.ToUnixTimeSeconds()).Order().ElementAt(50_000);

        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            var reply = await http.GetAsync($"api/v4/leads?filter[updated_at][from]={from + i}&order[updated_at]=asc&limit=250&with=contacts,loss_reason");
            Assert.Equal(250, reply.Embedded("leads").Count);
        }

        Assert.Equal(100_000, sandbox.AmoCrm.DealCount);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"10 pages took {started.Elapsed}");
    }
}
