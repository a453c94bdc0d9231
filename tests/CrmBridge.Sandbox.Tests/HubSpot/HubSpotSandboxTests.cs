using System.Globalization;
using System.Net;
using System.Text.Json;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Sandbox.Tests.HubSpot;

public sealed class HubSpotSandboxTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Now);
    private CrmSandbox sandbox = null!;
    private HubSpotHttp http = null!;

    public Task InitializeAsync()
    {
        sandbox = CrmSandbox.Start(new SandboxOptions { Now = Now, TimeProvider = time });
        http = new HubSpotHttp(sandbox);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task ListDeals_PagingToTheEnd_ReturnsEveryDealOnceWithItsAssociations()
    {
        var seen = new List<JsonElement>();
        string? after = null;
        var pages = 0;
        do
        {
            var reply = await http.GetAsync($"/crm/v3/objects/deals?limit=100&properties=dealname,dealstage,amount,lead_source&associations=companies,contacts&archived=false{(after is null ? "" : $"&after={after}")}");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            seen.AddRange(reply.Json.GetProperty("results").EnumerateArray());
            after = reply.Json.TryGetProperty("paging", out var paging) ? paging.GetProperty("next").GetProperty("after").GetString() : null;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        var ids = seen.Select(d => d.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(sandbox.Dataset.Deals.Select(d => sandbox.HubSpot.GetDealId(d.Key)).Order(), ids.Order());

        var deal = sandbox.Dataset.Deals.First(d => d.CompanyKey is not null && d.ContactKeys.Count > 0 && d.Amount is not null);
        var json = seen.Single(d => d.GetProperty("id").GetString() == sandbox.HubSpot.GetDealId(deal.Key));
        var properties = json.GetProperty("properties");
        Assert.Equal(deal.Name, properties.GetProperty("dealname").GetString());
        Assert.Equal(deal.StageKey, properties.GetProperty("dealstage").GetString());
        Assert.Equal(deal.Amount!.Value, decimal.Parse(properties.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(deal.CreatedAt, DateTimeOffset.Parse(properties.GetProperty("createdate").GetString()!, CultureInfo.InvariantCulture));
        Assert.True(properties.TryGetProperty("hs_lastmodifieddate", out _));
        Assert.False(json.GetProperty("archived").GetBoolean());
        var company = json.GetProperty("associations").GetProperty("companies").GetProperty("results")[0];
        Assert.Equal(sandbox.HubSpot.GetCompanyId(deal.CompanyKey!), company.GetProperty("id").GetString());
        Assert.Equal("deal_to_company", company.GetProperty("type").GetString());
        var contacts = json.GetProperty("associations").GetProperty("contacts").GetProperty("results").EnumerateArray();
        Assert.Equal(deal.ContactKeys.Select(sandbox.HubSpot.GetContactId), contacts.Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ListDeals_WithoutCompany_OmitsCompanyAssociations()
    {
        var deal = sandbox.Dataset.Deals.First(d => d.CompanyKey is null);
        var reply = await http.GetAsync($"/crm/v3/objects/deals/{sandbox.HubSpot.GetDealId(deal.Key)}?associations=companies");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(reply.Json.TryGetProperty("associations", out _));
    }

    [Fact]
    public async Task ListDeals_LimitOverHundred_Returns400()
    {
        var reply = await http.GetAsync("/crm/v3/objects/deals?limit=101");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("VALIDATION_ERROR", reply.Json.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Search_GteLastModified_ReturnsOnlyDealsModifiedSinceInAscendingOrder()
    {
        time.Advance(TimeSpan.FromMinutes(5));
        var since = sandbox.Now;
        var changed = sandbox.Dataset.Deals.Take(3).Select(d => sandbox.HubSpot.GetDealId(d.Key)).ToList();
        foreach (var id in changed.AsEnumerable().Reverse())
        {
            sandbox.HubSpot.ChangeDeal(id, "dealname", $"renamed {id}");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var reply = await http.PostAsync("/crm/v3/objects/deals/search", Search(since.ToUnixTimeMilliseconds(), after: null, limit: 200));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(3, reply.Json.GetProperty("total").GetInt32());
        var results = reply.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(changed.AsEnumerable().Reverse(), results.Select(r => r.GetProperty("id").GetString()));
        Assert.All(results, r => Assert.StartsWith("renamed", r.GetProperty("properties").GetProperty("dealname").GetString(), StringComparison.Ordinal));
        Assert.All(results, r => Assert.False(r.TryGetProperty("associations", out _)));
        Assert.False(reply.Json.TryGetProperty("paging", out _));
    }

    [Fact]
    public async Task Search_MoveDealToStage_BumpsModifiedAndStageEnteredTimes()
    {
        var id = sandbox.HubSpot.GetDealId(sandbox.Dataset.Deals.First(d => d.StageKey == SandboxStageKeys.Prospects).Key);
        time.Advance(TimeSpan.FromHours(1));

        var moved = sandbox.HubSpot.MoveDealToStage(id, HubSpotSandbox.StageId(SandboxStageKeys.Won));

        var expected = sandbox.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        Assert.Equal("closedwon", moved["dealstage"]);
        Assert.Equal(expected, moved["hs_lastmodifieddate"]);
        Assert.Equal(expected, moved["hs_v2_date_entered_current_stage"]);
        Assert.Equal(expected, moved["closedate"]);
    }

    [Fact]
    public async Task Search_PastTenThousandResults_Returns400AndSlicingByTimeReadsEverything()
    {
        await using var big = CrmSandbox.Start(new SandboxOptions { Now = Now, TimeProvider = time, DealCount = 12_000 });
        using var client = new HubSpotHttp(big);

        var atCap = await client.PostAsync("/crm/v3/objects/deals/search", Search(0, after: "9800", limit: 200));
        var pastCap = await client.PostAsync("/crm/v3/objects/deals/search", Search(0, after: "9900", limit: 200));

        Assert.Equal(HttpStatusCode.OK, atCap.Status);
        Assert.Equal(12_000, atCap.Json.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, pastCap.Status);
        Assert.Equal("VALIDATION_ERROR", pastCap.Json.GetProperty("category").GetString());

        var seen = new HashSet<string>();
        var since = 0L;
        var atSince = new HashSet<string>();
        var queries = 0;
        while (true)
        {
            queries++;
            var offset = 0;
            var lastSeen = since;
            var idsAtLast = new HashSet<string>();
            var more = false;
            while (true)
            {
                var reply = await client.PostAsync("/crm/v3/objects/deals/search", Search(since, offset.ToString(CultureInfo.InvariantCulture), 200));
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                foreach (var result in reply.Json.GetProperty("results").EnumerateArray())
                {
                    var id = result.GetProperty("id").GetString()!;
                    var modified = DateTimeOffset.Parse(result.GetProperty("properties").GetProperty("hs_lastmodifieddate").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
                    if (modified == since && atSince.Contains(id))
                    {
                        continue;
                    }

                    seen.Add(id);
                    idsAtLast = modified == lastSeen ? idsAtLast : [];
                    lastSeen = modified;
                    idsAtLast.Add(id);
                }

                if (!reply.Json.TryGetProperty("paging", out var paging))
                {
                    break;
                }

                offset = int.Parse(paging.GetProperty("next").GetProperty("after").GetString()!, CultureInfo.InvariantCulture);
                if (offset + 200 > 10_000)
                {
                    more = true;
                    break;
                }
            }

            if (!more)
            {
                break;
            }

            atSince = lastSeen == since ? [.. atSince, .. idsAtLast] : idsAtLast;
            since = lastSeen;
        }

        Assert.Equal(12_000, seen.Count);
        Assert.Equal(2, queries);
    }

    [Fact]
    public async Task Request_AfterExpireToken_Returns401WithTheDocumentedBody()
    {
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/crm/v3/owners")).Status);

        sandbox.HubSpot.ExpireToken();
        var reply = await http.GetAsync("/crm/v3/objects/deals");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("error", reply.Json.GetProperty("status").GetString());
        Assert.Equal("Authentication credentials not found.", reply.Json.GetProperty("message").GetString());
        Assert.Equal("INVALID_AUTHENTICATION", reply.Json.GetProperty("category").GetString());
        Assert.True(reply.Json.TryGetProperty("correlationId", out _));

        http.Token = sandbox.HubSpot.RenewToken();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/crm/v3/objects/deals")).Status);
    }

    [Fact]
    public async Task Request_WrongOrMissingToken_Returns401()
    {
        http.Token = "pat-wrong";
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/crm/v3/pipelines/deals")).Status);
        http.Token = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/crm/v3/pipelines/deals")).Status);
    }

    [Fact]
    public async Task CreateDeal_InClientSuccessPipeline_CanBeReadBackAndFoundByMarker()
    {
        var source = sandbox.Dataset.Deals.First(d => d.Status == DealStatus.Won && d.CompanyKey is not null && d.ContactKeys.Count > 0);
        var companyId = sandbox.HubSpot.GetCompanyId(source.CompanyKey!);
        var contactId = sandbox.HubSpot.GetContactId(source.ContactKeys[0]);
        var before = sandbox.HubSpot.DealCount;
        time.Advance(TimeSpan.FromMinutes(1));

        var created = await http.PostAsync("/crm/v3/objects/deals", new
        {
            properties = new Dictionary<string, string>
            {
                ["dealname"] = source.Name,
                ["pipeline"] = "clientsuccess",
                ["dealstage"] = "month1",
                ["amount"] = "1500000",
                ["crmbridge_marker"] = "cs-carry:deal-1",
                ["lead_source"] = "referral",
            },
            associations = new object[]
            {
                new { to = new { id = companyId }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 5 } } },
                new { to = new { id = contactId }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 3 } } },
            },
        });

        Assert.True(created.Status == HttpStatusCode.Created, created.Json.ToString());
        var id = created.Json.GetProperty("id").GetString()!;
        Assert.DoesNotContain(sandbox.Dataset.Deals, d => sandbox.HubSpot.GetDealId(d.Key) == id);
        Assert.Equal(before + 1, sandbox.HubSpot.DealCount);
        var stamp = sandbox.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        Assert.Equal(stamp, created.Json.GetProperty("createdAt").GetString());
        Assert.Equal(stamp, created.Json.GetProperty("properties").GetProperty("hs_lastmodifieddate").GetString());

        var read = await http.GetAsync($"/crm/v3/objects/deals/{id}?properties=dealname,pipeline,dealstage,amount,crmbridge_marker&associations=companies,contacts");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("clientsuccess", read.Json.GetProperty("properties").GetProperty("pipeline").GetString());
        Assert.Equal("month1", read.Json.GetProperty("properties").GetProperty("dealstage").GetString());
        Assert.Equal("cs-carry:deal-1", read.Json.GetProperty("properties").GetProperty("crmbridge_marker").GetString());
        Assert.Equal(companyId, read.Json.GetProperty("associations").GetProperty("companies").GetProperty("results")[0].GetProperty("id").GetString());

        var found = await http.PostAsync("/crm/v3/objects/deals/search", new
        {
            filterGroups = new[] { new { filters = new[] { new { propertyName = "crmbridge_marker", @operator = "EQ", value = "cs-carry:deal-1" } } } },
            properties = new[] { "dealname", "crmbridge_marker" },
            limit = 10,
        });
        Assert.Equal(1, found.Json.GetProperty("total").GetInt32());
        Assert.Equal(id, found.Json.GetProperty("results")[0].GetProperty("id").GetString());

        var links = await http.PostAsync("/crm/v4/associations/deals/contacts/batch/read", new { inputs = new[] { new { id } } });
        Assert.Equal(long.Parse(contactId, CultureInfo.InvariantCulture), links.Json.GetProperty("results")[0].GetProperty("to")[0].GetProperty("toObjectId").GetInt64());
        Assert.Equal("cs-carry:deal-1", sandbox.HubSpot.GetDeal(id)[HubSpotSandbox.MarkerProperty]);
    }

    [Fact]
    public async Task CreateDeal_UnknownPropertyOrStage_Returns400AndCreatesNothing()
    {
        var before = sandbox.HubSpot.DealCount;

        var unknownProperty = await http.PostAsync("/crm/v3/objects/deals", new { properties = new { dealname = "x", no_such = "1" } });
        var wrongStage = await http.PostAsync("/crm/v3/objects/deals", new { properties = new { dealname = "x", pipeline = "clientsuccess", dealstage = "prospects" } });

        Assert.Equal(HttpStatusCode.BadRequest, unknownProperty.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrongStage.Status);
        Assert.Equal("VALIDATION_ERROR", wrongStage.Json.GetProperty("category").GetString());
        Assert.Equal(before, sandbox.HubSpot.DealCount);
    }

    [Fact]
    public async Task PatchDeal_KnownId_UpdatesAndUnknownId_Returns404()
    {
        var id = sandbox.HubSpot.GetDealId(sandbox.Dataset.Deals[0].Key);

        var patched = await http.PatchAsync($"/crm/v3/objects/deals/{id}", new { properties = new { dealname = "orion-tech.ru - Орион Тех" } });
        var missing = await http.PatchAsync("/crm/v3/objects/deals/999", new { properties = new { dealname = "x" } });

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("orion-tech.ru - Орион Тех", patched.Json.GetProperty("properties").GetProperty("dealname").GetString());
        Assert.Equal("orion-tech.ru - Орион Тех", sandbox.HubSpot.GetDeal(id)["dealname"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("OBJECT_NOT_FOUND", missing.Json.GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/crm/v3/objects/deals/999")).Status);
    }

    [Fact]
    public async Task ArchiveDeal_LeavesTheLiveListAndShowsInTheArchivedListWithoutBumpingModified()
    {
        var id = sandbox.HubSpot.GetDealId(sandbox.Dataset.Deals[5].Key);
        var modifiedBefore = sandbox.HubSpot.GetDeal(id)["hs_lastmodifieddate"];
        time.Advance(TimeSpan.FromMinutes(3));

        sandbox.HubSpot.ArchiveDeal(id);

        var archived = await http.GetAsync("/crm/v3/objects/deals?archived=true&limit=100");
        var result = Assert.Single(archived.Json.GetProperty("results").EnumerateArray());
        Assert.Equal(id, result.GetProperty("id").GetString());
        Assert.True(result.GetProperty("archived").GetBoolean());
        Assert.Equal(sandbox.Now, DateTimeOffset.Parse(result.GetProperty("archivedAt").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(modifiedBefore, sandbox.HubSpot.GetDeal(id)["hs_lastmodifieddate"]);
        Assert.Equal(299, sandbox.HubSpot.DealCount);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/crm/v3/objects/deals/{id}")).Status);
        var search = await http.PostAsync("/crm/v3/objects/deals/search", Search(0, null, 10));
        Assert.Equal(299, search.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AssociationsBatchRead_ReturnsLinksAndLeavesOutDealsWithoutThem()
    {
        var withCompany = sandbox.Dataset.Deals.First(d => d.CompanyKey is not null);
        var without = sandbox.Dataset.Deals.First(d => d.CompanyKey is null);

        var reply = await http.PostAsync("/crm/v4/associations/deals/companies/batch/read", new
        {
            inputs = new[] { new { id = sandbox.HubSpot.GetDealId(withCompany.Key) }, new { id = sandbox.HubSpot.GetDealId(without.Key) } },
        });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("COMPLETE", reply.Json.GetProperty("status").GetString());
        var result = Assert.Single(reply.Json.GetProperty("results").EnumerateArray());
        Assert.Equal(sandbox.HubSpot.GetDealId(withCompany.Key), result.GetProperty("from").GetProperty("id").GetString());
        var to = result.GetProperty("to")[0];
        Assert.Equal(sandbox.HubSpot.GetCompanyId(withCompany.CompanyKey!), to.GetProperty("toObjectId").GetInt64().ToString(CultureInfo.InvariantCulture));
        var type = to.GetProperty("associationTypes")[0];
        Assert.Equal("HUBSPOT_DEFINED", type.GetProperty("category").GetString());
        Assert.Equal(5, type.GetProperty("typeId").GetInt32());
        Assert.Equal(JsonValueKind.Null, type.GetProperty("label").ValueKind);
    }

    [Fact]
    public async Task CompaniesBatchRead_ReturnsKnownCompaniesWithRequestedProperties()
    {
        var company = sandbox.Dataset.Companies.First(c => c.Inn is not null);
        var id = sandbox.HubSpot.GetCompanyId(company.Key);

        var reply = await http.PostAsync("/crm/v3/objects/companies/batch/read", new
        {
            inputs = new[] { new { id }, new { id = "12345" } },
            properties = new[] { "name", "domain", "industry", "phone", "inn" },
        });
        var tooMany = await http.PostAsync("/crm/v3/objects/companies/batch/read", new { inputs = Enumerable.Range(1, 101).Select(i => new { id = i.ToString(CultureInfo.InvariantCulture) }) });

        var result = Assert.Single(reply.Json.GetProperty("results").EnumerateArray());
        var properties = result.GetProperty("properties");
        Assert.Equal(company.Name, properties.GetProperty("name").GetString());
        Assert.Equal(company.Website, properties.GetProperty("domain").GetString());
        Assert.Equal(company.Inn, properties.GetProperty("inn").GetString());
        Assert.True(properties.TryGetProperty("hs_lastmodifieddate", out _));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
    }

    [Fact]
    public async Task ContactsBatchRead_MapsRoleAndCompany()
    {
        var contact = sandbox.Dataset.Contacts[0];

        var reply = await http.PostAsync("/crm/v3/objects/contacts/batch/read", new
        {
            inputs = new[] { new { id = sandbox.HubSpot.GetContactId(contact.Key) } },
            properties = new[] { "firstname", "lastname", "jobtitle", "email", "phone", "hs_buying_role", "associatedcompanyid" },
        });

        var properties = reply.Json.GetProperty("results")[0].GetProperty("properties");
        Assert.Equal(contact.FirstName, properties.GetProperty("firstname").GetString());
        Assert.Equal(contact.LastName, properties.GetProperty("lastname").GetString());
        Assert.Equal(sandbox.HubSpot.GetCompanyId(contact.CompanyKey), properties.GetProperty("associatedcompanyid").GetString());
        Assert.Contains(properties.GetProperty("hs_buying_role").GetString(), new[] { "DECISION_MAKER", "INFLUENCER", "CHAMPION" });
        Assert.True(properties.TryGetProperty("lastmodifieddate", out _));
    }

    [Fact]
    public async Task Pipelines_HaveSalesAndClientSuccessWithClosingMetadata()
    {
        var reply = await http.GetAsync("/crm/v3/pipelines/deals");

        var pipelines = reply.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["default", "clientsuccess"], pipelines.Select(p => p.GetProperty("id").GetString()));
        var stages = pipelines[0].GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(16, stages.Count);
        var won = stages.Single(s => s.GetProperty("id").GetString() == "closedwon").GetProperty("metadata");
        var lost = stages.Single(s => s.GetProperty("id").GetString() == "closedlost").GetProperty("metadata");
        Assert.Equal(("true", "1.0"), (won.GetProperty("isClosed").GetString(), won.GetProperty("probability").GetString()));
        Assert.Equal(("true", "0.0"), (lost.GetProperty("isClosed").GetString(), lost.GetProperty("probability").GetString()));
        Assert.All(stages.Take(14), s => Assert.Equal("false", s.GetProperty("metadata").GetProperty("isClosed").GetString()));
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"month{m}"), pipelines[1].GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Owners_PagedByTwo_ReturnsAllSixOnce()
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var reply = await http.GetAsync($"/crm/v3/owners?limit=4{(after is null ? "" : $"&after={after}")}");
            foreach (var owner in reply.Json.GetProperty("results").EnumerateArray())
            {
                Assert.Equal("PERSON", owner.GetProperty("type").GetString());
                Assert.True(owner.GetProperty("userId").GetInt64() > 0);
                ids.Add(owner.GetProperty("id").GetString()!);
            }

            after = reply.Json.TryGetProperty("paging", out var paging) ? paging.GetProperty("next").GetProperty("after").GetString() : null;
        }
        while (after is not null);

        Assert.Equal(sandbox.Dataset.Owners.Select(o => sandbox.HubSpot.GetOwnerId(o.Key)), ids);
    }

    [Fact]
    public async Task Properties_IncludeTheCustomProperties()
    {
        var deals = await http.GetAsync("/crm/v3/properties/deals");
        var companies = await http.GetAsync("/crm/v3/properties/companies");

        var leadSource = deals.Json.GetProperty("results").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "lead_source");
        Assert.False(leadSource.GetProperty("hubspotDefined").GetBoolean());
        Assert.Equal("enumeration", leadSource.GetProperty("type").GetString());
        Assert.Contains(leadSource.GetProperty("options").EnumerateArray(), o => o.GetProperty("value").GetString() == "website");
        Assert.Contains(deals.Json.GetProperty("results").EnumerateArray(), p => p.GetProperty("name").GetString() == "crmbridge_marker");
        Assert.Contains(companies.Json.GetProperty("results").EnumerateArray(), p => p.GetProperty("name").GetString() == "inn");
    }

    [Fact]
    public async Task TasksAndNotes_CreatedOnADeal_AreKeptWithTheirAssociation()
    {
        var dealId = sandbox.HubSpot.GetDealId(sandbox.Dataset.Deals[0].Key);
        var ownerId = sandbox.HubSpot.GetOwnerId("owner-3");

        var task = await http.PostAsync("/crm/v3/objects/tasks", new
        {
            properties = new Dictionary<string, string>
            {
                ["hs_timestamp"] = "2026-03-05T09:00:00.000Z",
                ["hs_task_subject"] = "Call the decision maker",
                ["hs_task_body"] = "Deal has no next step",
                ["hs_task_status"] = "NOT_STARTED",
                ["hs_task_type"] = "TODO",
                ["hubspot_owner_id"] = ownerId,
            },
            associations = new[] { new { to = new { id = dealId }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 216 } } } },
        });
        var note = await http.PostAsync("/crm/v3/objects/notes", new
        {
            properties = new { hs_timestamp = "2026-03-01T10:00:00.000Z", hs_note_body = "Carried over" },
            associations = new[] { new { to = new { id = dealId }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 214 } } } },
        });
        var badLink = await http.PostAsync("/crm/v3/objects/notes", new
        {
            properties = new { hs_note_body = "x" },
            associations = new[] { new { to = new { id = "1" }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 214 } } } },
        });

        Assert.Equal(HttpStatusCode.Created, task.Status);
        Assert.Equal(HttpStatusCode.Created, note.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badLink.Status);
        var stored = Assert.Single(sandbox.HubSpot.Tasks);
        Assert.Equal("Call the decision maker", stored["hs_task_subject"]);
        Assert.Equal([dealId], stored.AssociatedIds("deals"));
        Assert.Equal([dealId], Assert.Single(sandbox.HubSpot.Notes).AssociatedIds("deals"));
    }

    [Fact]
    public async Task RateLimit_OverTheBudget_Returns429WithRetryAfterUntilTheWindowPasses()
    {
        await using var limited = CrmSandbox.Start(new SandboxOptions
        {
            Now = Now,
            TimeProvider = time,
            DealCount = 10,
            HubSpotRateLimit = new SandboxRateLimit(3, TimeSpan.FromSeconds(10)),
        });
        using var client = new HubSpotHttp(limited);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/crm/v3/owners")).Status);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var limitedReply = await client.GetAsync("/crm/v3/owners");
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedReply.Status);
        Assert.Equal("RATE_LIMIT", limitedReply.Json.GetProperty("errorType").GetString());
        Assert.Equal("TEN_SECONDLY_ROLLING", limitedReply.Json.GetProperty("policyName").GetString());
        Assert.Equal("You have reached your ten_secondly_rolling limit.", limitedReply.Json.GetProperty("message").GetString());
        Assert.Equal("7", limitedReply.Headers["Retry-After"]);
        Assert.Equal("10000", limitedReply.Headers["X-HubSpot-RateLimit-Interval-Milliseconds"]);

        time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/crm/v3/owners")).Status);
    }

    [Fact]
    public async Task RateLimit_Off_NeverReturns429()
    {
        for (var i = 0; i < 150; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/crm/v3/owners")).Status);
        }
    }

    [Fact]
    public async Task Requests_RecordMethodPathQueryAndBody_UntilReset()
    {
        await http.GetAsync("/crm/v3/objects/deals?limit=5");
        await http.PostAsync("/crm/v3/objects/deals/search", Search(0, null, 5));

        var log = sandbox.HubSpot.Requests;
        Assert.Equal(2, log.Count);
        Assert.Equal(("GET", "/crm/v3/objects/deals", "limit=5", 200), (log[0].Method, log[0].Path, log[0].Query, log[0].StatusCode));
        Assert.Equal("POST", log[1].Method);
        Assert.Contains("hs_lastmodifieddate", log[1].Body, StringComparison.Ordinal);

        sandbox.HubSpot.ResetRequestLog();
        Assert.Empty(sandbox.HubSpot.Requests);
    }

    [Fact]
    public async Task UnknownEndpoint_Returns404()
    {
        var reply = await http.GetAsync("/crm/v3/objects/deals/1/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("/crm/v3/objects/deals/1/nothing/here", Assert.Single(sandbox.HubSpot.Requests).Path);
    }

    private static object Search(long sinceMillis, string? after, int limit) => new
    {
        filterGroups = new[] { new { filters = new[] { new { propertyName = "hs_lastmodifieddate", @operator = "GTE", value = sinceMillis.ToString(CultureInfo.InvariantCulture) } } } },
        sorts = new[] { new { propertyName = "hs_lastmodifieddate", direction = "ASCENDING" } },
        properties = new[] { "dealname", "hs_lastmodifieddate" },
        limit,
        after,
    };
}
