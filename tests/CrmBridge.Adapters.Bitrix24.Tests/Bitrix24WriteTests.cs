using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>Each write, with the request bodies the portal receives.</summary>
public sealed class Bitrix24WriteTests : IDisposable
{
    private readonly Bitrix24Harness _h = new();

    public Bitrix24WriteTests() => _h.Fake.Portal();

    public void Dispose() => _h.Dispose();

    private static NewDeal CarryOver => new()
    {
        Name = "Carry-over",
        PipelineId = "2",
        StageId = "C2:NEW",
        Amount = 1901m,
        Currency = "RUB",
        OwnerId = "1",
        CompanyId = "10",
        ContactIds = ["100", "101"],
        Fields = new Dictionary<string, string?> { ["deal.lost_reason"] = "No budget" },
        Marker = "cs-42",
    };

    [Fact]
    public async Task CreateDealAsync_SendsAddAndReadBackInOneWriteBatch()
    {
        _h.Fake.OnSubCall("crm.item.add", _ => Bitrix24Fake.FixtureNode("deal-item.json"));
        _h.Fake.OnSubCall("crm.item.get", _ => Bitrix24Fake.FixtureNode("deal-item.json"));

        var deal = await _h.CreateAdapter().CreateDealAsync(CarryOver, CancellationToken.None);

        var add = _h.Fake.SubCalls.Single(c => c.Key == "add").Command;
        Assert.StartsWith("crm.item.add?entityTypeId=2&useOriginalUfNames=Y&fields[title]=Carry-over", add, StringComparison.Ordinal);
        Assert.Contains("fields[categoryId]=2", add, StringComparison.Ordinal);
        Assert.Contains("fields[stageId]=C2%3ANEW", add, StringComparison.Ordinal);
        Assert.Contains("fields[opportunity]=1901", add, StringComparison.Ordinal);
        Assert.Contains("fields[assignedById]=1", add, StringComparison.Ordinal);
        Assert.Contains("fields[companyId]=10", add, StringComparison.Ordinal);
        Assert.Contains("fields[contactIds][0]=100&fields[contactIds][1]=101", add, StringComparison.Ordinal);
        Assert.Contains("fields[UF_CRM_1746431727372]=101", add, StringComparison.Ordinal);
        Assert.Contains("fields[UF_CRM_MARKER]=cs-42", add, StringComparison.Ordinal);
        Assert.Equal("crm.item.get?entityTypeId=2&id=$result[add][item][id]&useOriginalUfNames=Y", _h.Fake.SubCalls.Single(c => c.Key == "get").Command);
        var batch = Assert.Single(_h.Fake.Requests("batch"), r => r.RequestMessage!.Body!.Contains("crm.item.add", StringComparison.Ordinal));
        Assert.Equal(0, Bitrix24Fake.Body(batch).GetProperty("halt").GetInt32());
        Assert.False(batch.RequestMessage!.Headers!.ContainsKey("X-CrmBridge-Write"));
        Assert.Equal("901", deal.ExternalId);
        Assert.Equal("2", deal.PipelineId);
        Assert.Equal("C2:NEW", deal.StageId);
        Assert.Equal(["100", "101"], deal.ContactIds);
        Assert.Equal("cs-42", deal.Fields["deal.crmbridge_marker"]);
    }

    [Fact]
    public async Task CreateDealAsync_ListValueDroppedByThePortal_FailsAfterReadingBack()
    {
        var stored = Bitrix24Fake.FixtureNode("deal-item.json");
        stored["item"]!["UF_CRM_1746431727372"] = null;
        _h.Fake.OnSubCall("crm.item.add", _ => stored.DeepClone());
        _h.Fake.OnSubCall("crm.item.get", _ => stored.DeepClone());

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(CarryOver, CancellationToken.None));

        Assert.Contains("deal.lost_reason", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No budget", ex.Message, StringComparison.Ordinal);
        Assert.Contains("kept []", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDealAsync_UnknownListLabel_IsRejectedBeforeAnyWrite()
    {
        var deal = CarryOver with { Fields = new Dictionary<string, string?> { ["deal.lost_reason"] = "Bad weather" } };

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(deal, CancellationToken.None));

        Assert.Contains("'Bad weather'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'No budget'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Fake.SubCalls, c => c.Command.StartsWith("crm.item.add", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateDealAsync_AddFailsInBatch_ThrowsThePortalsMessage()
    {
        _h.Fake.OnSubCall("crm.item.add", _ => Bitrix24Fake.Error("", "Stage 'C2:NEW' does not belong to category 0."));
        _h.Fake.OnSubCall("crm.item.get", _ => Bitrix24Fake.Error("NOT_FOUND", "Element not found"));

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(CarryOver, CancellationToken.None));

        Assert.Equal("batch crm.item.add", ex.Endpoint);
        Assert.Contains("does not belong to category", ex.CrmMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateDealAsync_SendsTitleStageAndFieldsThenReadsBack()
    {
        _h.Fake.OnSubCall("crm.item.update", _ => Bitrix24Fake.FixtureNode("deal-item.json"));
        _h.Fake.OnSubCall("crm.item.get", _ => Bitrix24Fake.FixtureNode("deal-item.json"));
        _h.Fake.OnSubCall("crm.activity.list", _ => JsonNode.Parse("""[{"ID":"5","DEADLINE":"2024-10-01T10:00:00+03:00"}]"""));

        var deal = await _h.CreateAdapter().UpdateDealAsync(
            new DealUpdate { DealId = "901", Name = "Renamed", StageId = "C2:NEW", Fields = new Dictionary<string, string?> { ["deal.source"] = null, ["deal.lost_reason"] = "101" } },
            CancellationToken.None);

        var update = _h.Fake.SubCalls.Single(c => c.Key == "update").Command;
        Assert.StartsWith("crm.item.update?entityTypeId=2&id=901&useOriginalUfNames=Y&fields[title]=Renamed&fields[stageId]=C2%3ANEW", update, StringComparison.Ordinal);
        Assert.Contains("fields[UF_CRM_SOURCE]=&", update + "&", StringComparison.Ordinal);
        Assert.Contains("fields[UF_CRM_1746431727372]=101", update, StringComparison.Ordinal);
        Assert.DoesNotContain("categoryId", update, StringComparison.Ordinal);
        Assert.Equal("crm.item.get?entityTypeId=2&id=901&useOriginalUfNames=Y", _h.Fake.SubCalls.Single(c => c.Key == "get").Command);
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 7, 0, 0, TimeSpan.Zero), deal.NextActivityAt);
        Assert.Single(_h.Fake.Requests("batch"), r => r.RequestMessage!.Body!.Contains("crm.item.update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateTaskAsync_AddsATodoForTheResponsibleUserWithThePortalsOffset()
    {
        _h.Fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(Bitrix24Fake.MethodPath("crm.activity.todo.add")).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"result":{"id":999},"time":{"date_start":"2024-09-02T18:37:18+03:00"}}"""));

        var task = await _h.CreateAdapter().CreateTaskAsync(
            new NewTask("901", "1", "Fill in the INN", "Hygiene", new DateTimeOffset(2024, 9, 5, 9, 0, 0, TimeSpan.Zero)), CancellationToken.None);

        var body = Bitrix24Fake.Body(_h.Fake.Requests("crm.activity.todo.add").Single());
        Assert.Equal(2, body.GetProperty("ownerTypeId").GetInt32());
        Assert.Equal(901, body.GetProperty("ownerId").GetInt64());
        Assert.Equal("2024-09-05T12:00:00+03:00", body.GetProperty("deadline").GetString());
        Assert.Equal("Fill in the INN", body.GetProperty("title").GetString());
        Assert.Equal("Hygiene", body.GetProperty("description").GetString());
        Assert.Equal(1, body.GetProperty("responsibleId").GetInt64());
        Assert.Equal("999", task.ExternalId);
        Assert.Equal("901", task.DealId);
    }

    [Fact]
    public async Task AddNoteAsync_AddsATimelineComment()
    {
        _h.Fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(Bitrix24Fake.MethodPath("crm.timeline.comment.add")).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"result":1234,"time":{"date_start":"2024-09-02T18:37:18+03:00"}}"""));

        var note = await _h.CreateAdapter().AddNoteAsync(new NewNote("901", "Carried over"), CancellationToken.None);

        var fields = Bitrix24Fake.Body(_h.Fake.Requests("crm.timeline.comment.add").Single()).GetProperty("fields");
        Assert.Equal(901, fields.GetProperty("ENTITY_ID").GetInt64());
        Assert.Equal("deal", fields.GetProperty("ENTITY_TYPE").GetString());
        Assert.Equal("Carried over", fields.GetProperty("COMMENT").GetString());
        Assert.Equal("1234", note.ExternalId);
    }

    [Fact]
    public async Task FindDealByMarkerAsync_FiltersOnTheMarkerField()
    {
        _h.Fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(Bitrix24Fake.MethodPath("crm.item.list")).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody(new JsonObject { ["result"] = new JsonObject { ["items"] = new JsonArray(Bitrix24Fake.FixtureNode("deal-item.json")["item"]!.DeepClone()) } }.ToJsonString()));

        var found = await _h.CreateAdapter().FindDealByMarkerAsync("cs-42", CancellationToken.None);

        Assert.Equal("901", found!.ExternalId);
        var body = Bitrix24Fake.Body(_h.Fake.Requests("crm.item.list").Single());
        Assert.Equal("cs-42", body.GetProperty("filter").GetProperty("UF_CRM_MARKER").GetString());
    }

    [Fact]
    public async Task CreateDealAsync_WithMarkerButNoMarkerField_SaysWhatToMap()
    {
        _h.Connection.FieldMap.Remove("deal.crmbridge_marker");

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().CreateDealAsync(CarryOver, CancellationToken.None));

        Assert.Contains("deal.crmbridge_marker", ex.Message, StringComparison.Ordinal);
    }
}
