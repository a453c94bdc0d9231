using System.Text.Json;
using CrmBridge.Adapters.Pipedrive.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using WireMock.RequestBuilders;

namespace CrmBridge.Adapters.Pipedrive.Tests;

public sealed class PipedriveWriteTests : IDisposable
{
    private readonly PipedriveHarness _h = new();

    public PipedriveWriteTests() => _h.Fake.Fields();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CreateDealAsync_SendsPipelineStageLinksCustomFieldsAndMarker_ThenAddsFurtherContactsAsParticipants()
    {
        _h.Fake.Post("/api/v2/deals", "deal-created.json", 201);
        _h.Fake.Post("/v1/deals/150/participants", "participant-added.json");
        var deal = new NewDeal
        {
            Name = "acme.io - Renewal",
            PipelineId = "2",
            StageId = "10",
            Amount = 120000m,
            Currency = "RUB",
            OwnerId = "12001",
            CompanyId = "501",
            ContactIds = ["901", "902", "903"],
            Fields = new Dictionary<string, string?> { ["deal.source"] = "partner", ["deal.regions"] = "South", ["deal.budget"] = null },
            Marker = "conformance-1",
        };

        var created = await _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None);

        var body = PipedriveFake.Body(_h.Fake.Requests("/api/v2/deals", "POST").Single());
        Assert.Equal("acme.io - Renewal", body.GetProperty("title").GetString());
        Assert.Equal(2, body.GetProperty("pipeline_id").GetInt64());
        Assert.Equal(10, body.GetProperty("stage_id").GetInt64());
        Assert.Equal(120000m, body.GetProperty("value").GetDecimal());
        Assert.Equal("RUB", body.GetProperty("currency").GetString());
        Assert.Equal(12001, body.GetProperty("owner_id").GetInt64());
        Assert.Equal(501, body.GetProperty("org_id").GetInt64());
        Assert.Equal(901, body.GetProperty("person_id").GetInt64());
        Assert.False(body.TryGetProperty("status", out _));
        var custom = body.GetProperty("custom_fields");
        Assert.Equal(29, custom.GetProperty(FieldKeys.LeadSource).GetInt64());
        Assert.Equal([41L], custom.GetProperty(FieldKeys.Regions).EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("conformance-1", custom.GetProperty(FieldKeys.Marker).GetString());
        Assert.False(custom.TryGetProperty(FieldKeys.Budget, out _));

        var participants = _h.Fake.Requests("/v1/deals/150/participants", "POST");
        Assert.Equal([902L, 903L], participants.Select(p => PipedriveFake.Body(p).GetProperty("person_id").GetInt64()));

        Assert.Equal("150", created.ExternalId);
        Assert.Equal("2", created.PipelineId);
        Assert.Equal("10", created.StageId);
        Assert.Equal(["901", "902", "903"], created.ContactIds);
        Assert.Equal("Partner", created.Fields["deal.source"]);
        Assert.Equal("conformance-1", created.Fields["deal.crmbridge_marker"]);
        Assert.Equal(created.CreatedAt, created.StageEnteredAt);
    }

    [Fact]
    public async Task CreateDealAsync_UnknownOptionLabel_IsRejectedBeforeAnythingIsSent()
    {
        var deal = new NewDeal { Name = "X", PipelineId = "1", StageId = "1", Fields = new Dictionary<string, string?> { ["deal.source"] = "Billboard" } };

        var error = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Contains("Billboard", error.Message, StringComparison.Ordinal);
        Assert.Contains("Web, Referral, Partner", error.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Fake.Requests("/api/v2/deals", "POST"));
    }

    [Fact]
    public async Task CreateDealAsync_MarkerFieldMissingInTheAccount_NamesTheFieldAndSendsNothing()
    {
        _h.Connection.FieldMap["deal.crmbridge_marker"] = "Idempotency key";
        var deal = new NewDeal { Name = "X", PipelineId = "1", StageId = "1", Marker = "m-1" };

        var error = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Contains("'Idempotency key' is not a Pipedrive deal field", error.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Fake.Requests("/api/v2/deals", "POST"));
    }

    [Fact]
    public async Task CreateDealAsync_CrmRejects_ReportsItsMessageWithoutRetrying()
    {
        _h.Fake.Post("/api/v2/deals", "error-400.json", 400);

        var error = await Assert.ThrowsAsync<CrmValidationException>(() =>
            _h.CreateAdapter().CreateDealAsync(new NewDeal { Name = "X", PipelineId = "1", StageId = "99" }, CancellationToken.None));

        Assert.Contains("stage not found", error.CrmMessage, StringComparison.Ordinal);
        Assert.Single(_h.Fake.Requests("/api/v2/deals", "POST"));
    }

    [Fact]
    public async Task UpdateDealAsync_PatchesOnlyWhatChangesAndReadsTheDealBack()
    {
        _h.Fake.Patch("/api/v2/deals/101", "deal-updated.json");
        _h.Fake.Get("/api/v2/deals/101", "deal-101-after-update.json");
        _h.Fake.Get("/api/v2/activities", "activities-page1.json");
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v2/persons").WithParam("deal_id", "101").UsingGet()).RespondWith(PipedriveFake.Json("persons-of-deal-101.json"));
        var update = new DealUpdate
        {
            DealId = "101",
            Name = "acme.io - Acme (renewed)",
            StageId = "4",
            Fields = new Dictionary<string, string?> { ["deal.regions"] = null, ["deal.budget"] = "25000.75" },
        };

        var updated = await _h.CreateAdapter().UpdateDealAsync(update, CancellationToken.None);

        var body = PipedriveFake.Body(_h.Fake.Requests("/api/v2/deals/101", "PATCH").Single());
        Assert.Equal(["title", "stage_id", "custom_fields"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("acme.io - Acme (renewed)", body.GetProperty("title").GetString());
        Assert.Equal(4, body.GetProperty("stage_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("custom_fields").GetProperty(FieldKeys.Regions).ValueKind);
        Assert.Equal(25000.75m, body.GetProperty("custom_fields").GetProperty(FieldKeys.Budget).GetDecimal());
        Assert.Equal("next_activity_id,last_activity_id,participants_count", PipedriveFake.Query(_h.Fake.Requests("/api/v2/deals/101", "GET").Single(), "include_fields"));
        Assert.Equal("4", updated.StageId);
        Assert.Equal("acme.io - Acme (renewed)", updated.Name);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), updated.StageEnteredAt);
        Assert.Equal(["901", "902"], updated.ContactIds);
        Assert.NotNull(updated.NextActivityAt);
    }

    [Fact]
    public async Task FindDealByMarkerAsync_SearchesCustomFieldsExactlyAndKeepsOnlyTheDealHoldingTheMarker()
    {
        _h.Fake.Get("/api/v2/deals/search", "search-marker.json");
        _h.Fake.Get("/api/v2/deals/140", "deal-140.json");
        _h.Fake.Get("/api/v2/deals/102", "deal-102.json");

        var found = await _h.CreateAdapter().FindDealByMarkerAsync("crmbridge:carry:77", CancellationToken.None);

        Assert.Equal("102", found!.ExternalId);
        Assert.Equal("crmbridge:carry:77", found.Fields["deal.crmbridge_marker"]);
        var search = _h.Fake.Requests("/api/v2/deals/search").Single();
        Assert.Equal("crmbridge:carry:77", PipedriveFake.Query(search, "term"));
        Assert.Equal("custom_fields", PipedriveFake.Query(search, "fields"));
        Assert.Equal("true", PipedriveFake.Query(search, "exact_match"));
    }

    [Fact]
    public async Task FindDealByMarkerAsync_NoHit_ReturnsNullAfterOneSearch()
    {
        _h.Fake.Get("/api/v2/deals/search", "search-empty.json");

        var found = await _h.CreateAdapter().FindDealByMarkerAsync("crmbridge:none", CancellationToken.None);

        Assert.Null(found);
        Assert.Single(_h.Fake.Requests("/api/v2/deals/search"));
    }

    [Fact]
    public async Task CreateTaskAsync_PostsATaskActivityForTheOwnerOnTheDeal()
    {
        _h.Fake.Post("/api/v2/activities", "activity-created.json", 201);
        var due = new DateTimeOffset(2026, 3, 5, 14, 0, 0, TimeSpan.Zero);

        var task = await _h.CreateAdapter().CreateTaskAsync(new NewTask("101", "12002", "Fill in the INN", "Hygiene", due), CancellationToken.None);

        var body = PipedriveFake.Body(_h.Fake.Requests("/api/v2/activities", "POST").Single());
        Assert.Equal("Fill in the INN", body.GetProperty("subject").GetString());
        Assert.Equal("task", body.GetProperty("type").GetString());
        Assert.Equal(12002, body.GetProperty("owner_id").GetInt64());
        Assert.Equal(101, body.GetProperty("deal_id").GetInt64());
        Assert.Equal("2026-03-05", body.GetProperty("due_date").GetString());
        Assert.Equal("14:00", body.GetProperty("due_time").GetString());
        Assert.Equal("Hygiene", body.GetProperty("note").GetString());
        Assert.False(body.GetProperty("done").GetBoolean());
        Assert.Equal(new CrmTask("main", "7100", "101", "12002", "Fill in the INN", "Hygiene", due, false), task);
    }

    [Fact]
    public async Task AddNoteAsync_PostsAV1NoteOnTheDeal()
    {
        _h.Fake.Post("/v1/notes", "note-created.json");

        var note = await _h.CreateAdapter().AddNoteAsync(new NewNote("101", "Carried over"), CancellationToken.None);

        var body = PipedriveFake.Body(_h.Fake.Requests("/v1/notes", "POST").Single());
        Assert.Equal("Carried over", body.GetProperty("content").GetString());
        Assert.Equal(101, body.GetProperty("deal_id").GetInt64());
        Assert.Equal(new Note("main", "55", "101", "Carried over", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)), note);
    }
}
