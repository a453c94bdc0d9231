using System.Text.Json;
using CrmBridge.Adapters.AmoCrm.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;

namespace CrmBridge.Adapters.AmoCrm.Tests;

public sealed class AmoCrmWriteTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private readonly AmoCrmHarness _h = new(time: new FakeTimeProvider(Now));

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CreateDealAsync_PostsAnArrayWithStatusLinksFieldsAndMarker_ThenReadsTheLeadBack()
    {
        _h.Fake.Basics();
        _h.Fake.Get("/api/v4/leads/custom_fields", "custom-fields.json");
        _h.Fake.Post("/api/v4/leads", "lead-created.json");
        _h.Fake.Get("/api/v4/leads/19700", "lead-19700.json");
        var deal = new NewDeal
        {
            Name = "CS: Orion Tech",
            PipelineId = "3177730",
            StageId = "32392173",
            Amount = 120000m,
            OwnerId = "8238874",
            CompanyId = "10971463",
            ContactIds = ["10971465", "10971466"],
            Fields = new Dictionary<string, string?> { ["deal.source"] = "referral", ["deal.budget_note"] = null },
            Marker = "cs-123",
        };

        var created = await _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None);

        var body = AmoCrmFake.Body(_h.Fake.Requests("/api/v4/leads", "POST").Single());
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        var lead = Assert.Single(body.EnumerateArray().ToList());
        Assert.Equal("CS: Orion Tech", lead.GetProperty("name").GetString());
        Assert.Equal(120000, lead.GetProperty("price").GetInt64());
        Assert.Equal(3177730, lead.GetProperty("pipeline_id").GetInt64());
        Assert.Equal(32392173, lead.GetProperty("status_id").GetInt64());
        Assert.Equal(8238874, lead.GetProperty("responsible_user_id").GetInt64());
        var fields = lead.GetProperty("custom_fields_values").EnumerateArray().ToList();
        Assert.Equal(2, fields.Count);
        Assert.Equal(294471, fields[0].GetProperty("field_id").GetInt64());
        Assert.Equal(411467, fields[0].GetProperty("values")[0].GetProperty("enum_id").GetInt64());
        Assert.Equal(294475, fields[1].GetProperty("field_id").GetInt64());
        Assert.Equal("cs-123", fields[1].GetProperty("values")[0].GetProperty("value").GetString());
        var embedded = lead.GetProperty("_embedded");
        Assert.Equal(10971463, embedded.GetProperty("companies")[0].GetProperty("id").GetInt64());
        Assert.Equal([(10971465L, true), (10971466L, false)], embedded.GetProperty("contacts").EnumerateArray().Select(c => (c.GetProperty("id").GetInt64(), c.GetProperty("is_main").GetBoolean())));

        Assert.Equal("19700", created.ExternalId);
        Assert.Equal("10971463", created.CompanyId);
        Assert.Equal(["10971465", "10971466"], created.ContactIds);
        Assert.Equal("cs-123", created.Fields["deal.crmbridge_marker"]);
        Assert.Equal("Referral", created.Fields["deal.source"]);
        Assert.Equal(created.CreatedAt, created.StageEnteredAt);
        Assert.Empty(_h.Fake.Requests("/api/v4/events"));
    }

    [Fact]
    public async Task CreateDealAsync_UnknownListValue_ThrowsValidationNamingTheOptionsWithoutSending()
    {
        _h.Fake.Get("/api/v4/leads/custom_fields", "custom-fields.json");
        var deal = new NewDeal { Name = "x", PipelineId = "3177727", StageId = "32392159", Fields = new Dictionary<string, string?> { ["deal.source"] = "Billboard" } };

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Contains("no option 'Billboard'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Website, Referral", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Fake.Requests("/api/v4/leads", "POST"));
    }

    [Fact]
    public async Task CreateDealAsync_FieldWithoutFieldMapEntry_ThrowsValidation()
    {
        _h.Fake.Get("/api/v4/leads/custom_fields", "custom-fields.json");
        var deal = new NewDeal { Name = "x", PipelineId = "3177727", StageId = "32392159", Fields = new Dictionary<string, string?> { ["deal.unmapped"] = "1" } };

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Contains("deal.unmapped", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDealAsync_FractionalAmount_ThrowsValidation()
    {
        var deal = new NewDeal { Name = "x", PipelineId = "3177727", StageId = "32392159", Amount = 10.5m };

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Contains("whole", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Fake.Server.LogEntries);
    }

    [Fact]
    public async Task CreateDealAsync_AmoCrmRejects_ThrowsValidationWithPathAndDetailAfterOneRequest()
    {
        _h.Fake.Post("/api/v4/leads", "error-400.json", status: 400);
        var deal = new NewDeal { Name = "x", PipelineId = "3177727", StageId = "32392159" };

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Equal("custom_fields_values.0.values.0.enum_id: The value you selected is not a valid choice.", ex.CrmMessage);
        Assert.Single(_h.Fake.Requests("/api/v4/leads", "POST"));
    }

    [Fact]
    public async Task UpdateDealAsync_PatchesNameStatusAndClearsAField_ThenReadsTheLeadWithItsEvents()
    {
        _h.Fake.Basics();
        _h.Fake.Get("/api/v4/leads/custom_fields", "custom-fields.json");
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v4/leads/19619").UsingPatch()).RespondWith(AmoCrmFake.Json("lead-patched.json"));
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v4/leads/19619").UsingGet()).RespondWith(
            WireMock.ResponseBuilders.Response.Create().WithBody(AmoCrmFake.Fixture("lead-19700.json").Replace("19700", "19619", StringComparison.Ordinal)));

        var updated = await _h.CreateAdapter().UpdateDealAsync(
            new DealUpdate { DealId = "19619", Name = "Renamed", StageId = "142", PipelineId = "3177727", Fields = new Dictionary<string, string?> { ["deal.budget_note"] = null } },
            CancellationToken.None);

        var body = AmoCrmFake.Body(_h.Fake.Requests("/api/v4/leads/19619", "PATCH").Single());
        Assert.Equal("Renamed", body.GetProperty("name").GetString());
        Assert.Equal(142, body.GetProperty("status_id").GetInt64());
        Assert.Equal(3177727, body.GetProperty("pipeline_id").GetInt64());
        var field = body.GetProperty("custom_fields_values")[0];
        Assert.Equal(294473, field.GetProperty("field_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, field.GetProperty("values").ValueKind);
        Assert.False(body.TryGetProperty("price", out _));
        Assert.Equal("19619", updated.ExternalId);
        var lookup = _h.Fake.Requests("/api/v4/events").Single();
        Assert.Contains("filter[entity_id][]=19619", AmoCrmFake.RawQuery(lookup), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTaskAsync_PostsTextDeadlineLeadAndResponsibleUser()
    {
        _h.Fake.Post("/api/v4/tasks", "task-created.json");
        var due = new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.Zero);

        var task = await _h.CreateAdapter().CreateTaskAsync(new NewTask("19619", "8238875", "Fill in the INN", "Hygiene", due), CancellationToken.None);

        var item = AmoCrmFake.Body(_h.Fake.Requests("/api/v4/tasks", "POST").Single())[0];
        Assert.Equal("Fill in the INN\nHygiene", item.GetProperty("text").GetString());
        Assert.Equal(due.ToUnixTimeSeconds(), item.GetProperty("complete_till").GetInt64());
        Assert.Equal(19619, item.GetProperty("entity_id").GetInt64());
        Assert.Equal("leads", item.GetProperty("entity_type").GetString());
        Assert.Equal(8238875, item.GetProperty("responsible_user_id").GetInt64());
        Assert.Equal(1, item.GetProperty("task_type_id").GetInt32());
        Assert.Equal(new CrmTask("main", "4745251", "19619", "8238875", "Fill in the INN", "Hygiene", due, false), task);
    }

    [Fact]
    public async Task AddNoteAsync_PostsACommonNoteOnTheLead()
    {
        _h.Fake.Post("/api/v4/leads/19619/notes", "note-created.json");

        var note = await _h.CreateAdapter().AddNoteAsync(new NewNote("19619", "Carried over"), CancellationToken.None);

        var item = AmoCrmFake.Body(_h.Fake.Requests("/api/v4/leads/19619/notes", "POST").Single())[0];
        Assert.Equal("common", item.GetProperty("note_type").GetString());
        Assert.Equal("Carried over", item.GetProperty("params").GetProperty("text").GetString());
        Assert.Equal(new Note("main", "42709842", "19619", "Carried over", Now), note);
    }

    [Fact]
    public async Task FindDealByMarkerAsync_SearchesByQueryAndMatchesTheMarkerFieldExactly()
    {
        _h.Fake.Basics();
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v4/leads").UsingGet().WithParam("query", "cs-123")).RespondWith(
            WireMock.ResponseBuilders.Response.Create().WithBody(
                "{\"_embedded\":{\"leads\":[" + AmoCrmFake.Fixture("lead-19700.json").Replace("cs-123", "cs-1234", StringComparison.Ordinal).Replace("19700", "19701", StringComparison.Ordinal)
                + "," + AmoCrmFake.Fixture("lead-19700.json") + "]}}"));

        var found = await _h.CreateAdapter().FindDealByMarkerAsync("cs-123", CancellationToken.None);

        Assert.Equal("19700", found!.ExternalId);
    }

    [Fact]
    public async Task FindDealByMarkerAsync_NothingFound_204_ReturnsNull()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v4/leads").UsingGet()).RespondWith(AmoCrmFake.NoContent());

        Assert.Null(await _h.CreateAdapter().FindDealByMarkerAsync("cs-404", CancellationToken.None));
    }
}
