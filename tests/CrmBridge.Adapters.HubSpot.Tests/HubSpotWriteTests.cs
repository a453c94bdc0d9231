using System.Text.Json;
using CrmBridge.Adapters.HubSpot.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Adapters.HubSpot.Tests;

public sealed class HubSpotWriteTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private readonly HubSpotHarness _h = new(time: new FakeTimeProvider(Now));

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CreateDealAsync_SendsPropertiesAssociationsAndMarker()
    {
        _h.Fake.Pipelines();
        _h.Fake.Post("/crm/v3/objects/deals", "deal-created.json", status: 201);
        var deal = new NewDeal
        {
            Name = "CS: Acme",
            PipelineId = "cs",
            StageId = "onboarding",
            Amount = 1500.5m,
            Currency = "USD",
            OwnerId = "41",
            CompanyId = "501",
            ContactIds = ["901", "902"],
            Fields = new Dictionary<string, string?> { ["deal.source"] = "web" },
            Marker = "cs-123",
        };

        var created = await _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None);

        var body = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/deals", "POST").Single());
        var properties = body.GetProperty("properties");
        Assert.Equal("CS: Acme", properties.GetProperty("dealname").GetString());
        Assert.Equal("cs", properties.GetProperty("pipeline").GetString());
        Assert.Equal("onboarding", properties.GetProperty("dealstage").GetString());
        Assert.Equal("1500.5", properties.GetProperty("amount").GetString());
        Assert.Equal("USD", properties.GetProperty("deal_currency_code").GetString());
        Assert.Equal("41", properties.GetProperty("hubspot_owner_id").GetString());
        Assert.Equal("web", properties.GetProperty("lead_source").GetString());
        Assert.Equal("cs-123", properties.GetProperty("crmbridge_marker").GetString());
        var associations = body.GetProperty("associations").EnumerateArray()
            .Select(a => (Id: a.GetProperty("to").GetProperty("id").GetString(), Type: a.GetProperty("types")[0].GetProperty("associationTypeId").GetInt32(),
                Category: a.GetProperty("types")[0].GetProperty("associationCategory").GetString()))
            .ToList();
        Assert.Equal([("501", 5, "HUBSPOT_DEFINED"), ("901", 3, "HUBSPOT_DEFINED"), ("902", 3, "HUBSPOT_DEFINED")], associations);

        Assert.Equal("777", created.ExternalId);
        Assert.Equal("501", created.CompanyId);
        Assert.Equal(["901", "902"], created.ContactIds);
        Assert.Equal("cs-123", created.Fields["deal.crmbridge_marker"]);
        Assert.Equal(DealStatus.Open, created.Status);
    }

    [Fact]
    public async Task CreateDealAsync_FieldWithoutFieldMapEntry_ThrowsValidationWithoutSending()
    {
        var deal = new NewDeal { Name = "x", PipelineId = "default", StageId = "prospects", Fields = new Dictionary<string, string?> { ["deal.unmapped"] = "1" } };

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Contains("deal.unmapped", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Fake.Server.LogEntries);
    }

    [Fact]
    public async Task CreateDealAsync_HubSpotRejectsAValue_ThrowsValidationWithHubSpotsMessageAfterOneRequest()
    {
        _h.Fake.Post("/crm/v3/objects/deals", "error-400.json", status: 400);
        var deal = new NewDeal { Name = "x", PipelineId = "default", StageId = "prospects", Fields = new Dictionary<string, string?> { ["deal.source"] = "web2" } };

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Contains("web2 was not one of the allowed options", ex.CrmMessage, StringComparison.Ordinal);
        Assert.Equal("POST /crm/v3/objects/deals", ex.Endpoint);
        Assert.Single(_h.Fake.Server.LogEntries);
    }

    [Fact]
    public async Task CreateDealAsync_ServerError_IsNotRetriedBecauseACreateMightHaveHappened()
    {
        _h.Fake.Post("/crm/v3/objects/deals", "error-500.json", status: 500);
        var deal = new NewDeal { Name = "x", PipelineId = "default", StageId = "prospects" };

        await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Single(_h.Fake.Server.LogEntries);
    }

    [Fact]
    public async Task UpdateDealAsync_PatchesNameStagePipelineAndFields()
    {
        _h.Fake.Pipelines();
        _h.Fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/crm/v3/objects/deals/123").UsingPatch())
            .RespondWith(HubSpotFake.Json("deal-updated.json"));
        _h.Fake.Post("/crm/v4/associations/deals/companies/batch/read", "search-empty.json");
        _h.Fake.Post("/crm/v4/associations/deals/contacts/batch/read", "search-empty.json");
        var update = new DealUpdate
        {
            DealId = "123",
            Name = "Acme renewal 2026",
            PipelineId = "default",
            StageId = "closedwon",
            Fields = new Dictionary<string, string?> { ["deal.source"] = null },
        };

        var updated = await _h.CreateAdapter().UpdateDealAsync(update, CancellationToken.None);

        var body = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/deals/123", "PATCH").Single());
        Assert.Equal(
            """{"dealname":"Acme renewal 2026","pipeline":"default","dealstage":"closedwon","lead_source":""}""",
            JsonSerializer.Serialize(body.GetProperty("properties")));
        Assert.False(body.TryGetProperty("associations", out _));
        Assert.Equal("Acme renewal 2026", updated.Name);
        Assert.Equal(DealStatus.Won, updated.Status);
    }

    [Fact]
    public async Task UpdateDealAsync_UnknownDeal_ThrowsNotFoundWithoutRetry()
    {
        _h.Fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/crm/v3/objects/deals/999").UsingPatch())
            .RespondWith(HubSpotFake.Json("error-404.json", 404));

        var ex = await Assert.ThrowsAsync<CrmNotFoundException>(() =>
            _h.CreateAdapter().UpdateDealAsync(new DealUpdate { DealId = "999", Name = "x" }, CancellationToken.None));

        Assert.Equal("PATCH /crm/v3/objects/deals/{dealId}", ex.Endpoint);
        Assert.Single(_h.Fake.Server.LogEntries);
    }

    [Fact]
    public async Task CreateTaskAsync_SendsTaskPropertiesAndDealAssociation()
    {
        _h.Fake.Post("/crm/v3/objects/tasks", "task-created.json", status: 201);
        var due = new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

        var task = await _h.CreateAdapter().CreateTaskAsync(new NewTask("123", "41", "Kick-off call", "Agenda attached", due), CancellationToken.None);

        var body = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/tasks").Single());
        Assert.Equal(
            """{"hs_timestamp":"2026-03-20T09:00:00.000Z","hs_task_subject":"Kick-off call","hs_task_status":"NOT_STARTED","hs_task_type":"TODO","hs_task_body":"Agenda attached","hubspot_owner_id":"41"}""",
            JsonSerializer.Serialize(body.GetProperty("properties")));
        var association = body.GetProperty("associations")[0];
        Assert.Equal("123", association.GetProperty("to").GetProperty("id").GetString());
        Assert.Equal(216, association.GetProperty("types")[0].GetProperty("associationTypeId").GetInt32());
        Assert.Equal(new CrmTask("main", "3001", "123", "41", "Kick-off call", "Agenda attached", due, IsCompleted: false), task);
    }

    [Fact]
    public async Task AddNoteAsync_SendsNoteBodyTimestampAndDealAssociation()
    {
        _h.Fake.Post("/crm/v3/objects/notes", "note-created.json", status: 201);

        var note = await _h.CreateAdapter().AddNoteAsync(new NewNote("123", "Carried over from won deal 123"), CancellationToken.None);

        var body = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/notes").Single());
        Assert.Equal(
            """{"hs_timestamp":"2026-03-10T10:00:00.000Z","hs_note_body":"Carried over from won deal 123"}""",
            JsonSerializer.Serialize(body.GetProperty("properties")));
        Assert.Equal(214, body.GetProperty("associations")[0].GetProperty("types")[0].GetProperty("associationTypeId").GetInt32());
        Assert.Equal(new Note("main", "4001", "123", "Carried over from won deal 123", Now), note);
    }
}
