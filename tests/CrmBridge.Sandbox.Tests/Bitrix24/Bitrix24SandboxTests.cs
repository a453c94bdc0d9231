using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.Tests.Bitrix24;

/// <summary>The Bitrix24 dialect over HTTP: webhook paths, crm.item shapes, fast paging, batch and the portal's write rules.</summary>
public sealed class Bitrix24SandboxTests : IDisposable
{
    private readonly CrmSandbox _sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 120, Now = new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero) });
    private readonly Bitrix24Http _http;

    public Bitrix24SandboxTests() => _http = new Bitrix24Http(_sandbox.Bitrix24.WebhookUrl);

    public void Dispose()
    {
        _http.Dispose();
        _sandbox.Dispose();
    }

    [Fact]
    public void Crms_IncludeBitrix24WithTheSameDataset()
    {
        Assert.Contains(_sandbox.Bitrix24, _sandbox.Crms);
        Assert.Equal(120, _sandbox.Bitrix24.DealCount);
        Assert.Equal("0", _sandbox.Bitrix24.GetPipelineId(SandboxStageKeys.SalesPipeline));
        Assert.Equal("2", _sandbox.Bitrix24.GetPipelineId(SandboxStageKeys.ClientSuccessPipeline));
        Assert.Equal("WON", _sandbox.Bitrix24.GetStageId(SandboxStageKeys.SalesPipeline, SandboxStageKeys.Won));
        Assert.Equal("C2:MONTH1", _sandbox.Bitrix24.GetStageId(SandboxStageKeys.ClientSuccessPipeline, SandboxStageKeys.ClientSuccessMonth(1)));
        Assert.DoesNotContain(_sandbox.Bitrix24.WebhookUrl.Segments[^1].TrimEnd('/'), _sandbox.Bitrix24.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemList_FastWay_PagesByIdWithoutCountingTheTotal()
    {
        var first = await _http.CallAsync("crm.item.list", """{"entityTypeId":2,"select":["id","title","stageId"],"order":{"id":"ASC"},"filter":{">id":0},"start":-1}""");
        var items = first.Result.GetProperty("items").EnumerateArray().ToList();
        var second = await _http.CallAsync("crm.item.list", $$"""{"entityTypeId":2,"select":["id"],"order":{"id":"ASC"},"filter":{">id":{{items[^1].GetProperty("id").GetInt64()}}},"start":-1}""");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(50, items.Count);
        Assert.False(first.Json.TryGetProperty("total", out _));
        Assert.False(first.Json.TryGetProperty("next", out _));
        Assert.Equal(["id", "title", "stageId"], items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(51, second.Result.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.EndsWith("+03:00", first.Json.GetProperty("time").GetProperty("date_start").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemList_WithStart_CountsTotalAndGivesNext()
    {
        var reply = await _http.CallAsync("crm.item.list", """{"entityTypeId":2,"select":["id"],"start":50}""");

        Assert.Equal(120, reply.Json.GetProperty("total").GetInt32());
        Assert.Equal(100, reply.Json.GetProperty("next").GetInt32());
        Assert.Equal(51, reply.Result.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ItemList_Deal_HasTheDatasetsValuesInCrmItemShape()
    {
        var seeded = _sandbox.Dataset.Deals.First(d => d.Status == Core.Model.DealStatus.Lost && d.LostReason is not null);
        var id = _sandbox.Bitrix24.GetDealId(seeded.Key);

        var reply = await _http.CallAsync("crm.item.list", $$"""{"entityTypeId":2,"filter":{"@id":[{{id}}]},"useOriginalUfNames":"Y"}""");

        var deal = reply.Result.GetProperty("items")[0];
        Assert.Equal(seeded.Name, deal.GetProperty("title").GetString());
        Assert.Equal("LOSE", deal.GetProperty("stageId").GetString());
        Assert.Equal("F", deal.GetProperty("stageSemanticId").GetString());
        Assert.Equal(0, deal.GetProperty("categoryId").GetInt64());
        Assert.Equal(JsonValueKind.Array, deal.GetProperty("contactIds").ValueKind);
        var reasonId = deal.GetProperty(Sandbox.Bitrix24.Bitrix24Sandbox.LossReasonField).GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fields = await _http.CallAsync("crm.item.fields", """{"entityTypeId":2,"useOriginalUfNames":"Y"}""");
        var items = fields.Result.GetProperty("fields").GetProperty(Sandbox.Bitrix24.Bitrix24Sandbox.LossReasonField).GetProperty("items");
        Assert.Equal(seeded.LostReason, items.EnumerateArray().Single(i => i.GetProperty("ID").GetString() == reasonId).GetProperty("VALUE").GetString());
        Assert.EndsWith("+03:00", deal.GetProperty("createdTime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_RunsSubCallsWithResultReferencesAndCollectsErrors()
    {
        var reply = await _http.CallAsync("batch", """
            {"halt":0,"cmd":{
              "add":"crm.item.add?entityTypeId=2&fields[title]=Batch%20deal&fields[categoryId]=2&fields[stageId]=C2%3AMONTH1&fields[contactIds][0]=1&fields[UF_CRM_LOSS_REASON]=999",
              "get":"crm.item.get?entityTypeId=2&id=$result[add][item][id]",
              "bad":"crm.item.add?entityTypeId=2&fields[categoryId]=0&fields[stageId]=C2%3AMONTH1",
              "nope":"crm.no.such.method"}}
            """);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var results = reply.Result.GetProperty("result");
        var created = results.GetProperty("get").GetProperty("item");
        Assert.Equal("Batch deal", created.GetProperty("title").GetString());
        Assert.Equal("C2:MONTH1", created.GetProperty("stageId").GetString());
        Assert.Equal([1L], created.GetProperty("contactIds").EnumerateArray().Select(e => e.GetInt64()));

        // An unknown list item is accepted without an error and not stored, as the portal does.
        Assert.Equal(JsonValueKind.Null, created.GetProperty(Sandbox.Bitrix24.Bitrix24Sandbox.LossReasonField).ValueKind);
        var errors = reply.Result.GetProperty("result_error");
        Assert.Equal("INVALID_ARG_VALUE", errors.GetProperty("bad").GetProperty("error").GetString());
        Assert.Equal("ERROR_METHOD_NOT_FOUND", errors.GetProperty("nope").GetProperty("error").GetString());
        Assert.Equal(121, _sandbox.Bitrix24.DealCount);
    }

    [Fact]
    public async Task Batch_WithoutErrors_WritesEmptyResultErrorAsAnArray()
    {
        var reply = await _http.CallAsync("batch", """{"cmd":{"s":"crm.status.list?filter[ENTITY_ID]=DEAL_STAGE_2"}}""");

        Assert.Equal(JsonValueKind.Array, reply.Result.GetProperty("result_error").ValueKind);
        var stages = reply.Result.GetProperty("result").GetProperty("s").EnumerateArray().ToList();
        Assert.Equal(12, stages.Count);
        Assert.All(stages, s => Assert.StartsWith("C2:", s.GetProperty("STATUS_ID").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_WrongOrRevokedSecret_Answers401NoAuthFound_AndTheLogMasksTheSecret()
    {
        var wrong = new Uri(_sandbox.Bitrix24.BaseUrl, "1/not-the-secret/");
        var bad = await _http.CallAsync("crm.category.list", """{"entityTypeId":2}""", wrong);
        _sandbox.Bitrix24.ExpireToken();
        var revoked = await _http.CallAsync("crm.category.list", """{"entityTypeId":2}""");
        var renewed = _sandbox.Bitrix24.RenewWebhook();
        var ok = await _http.CallAsync("crm.category.list", """{"entityTypeId":2}""", renewed);

        Assert.Equal(HttpStatusCode.Unauthorized, bad.Status);
        Assert.Equal("NO_AUTH_FOUND", bad.Json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.Status);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.All(_sandbox.Bitrix24.Requests, r => Assert.Equal("/rest/1/***/crm.category.list.json", r.Path));
    }

    [Fact]
    public async Task LeakyBucket_AboveTheThreshold_Answers503QueryLimitExceeded()
    {
        _sandbox.Bitrix24.LimitRequests(drainPerSecond: 0.001, threshold: 2);

        var replies = new List<Bitrix24Http.Reply>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add(await _http.CallAsync("user.get", "{}"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)503], replies.Select(r => r.Status));
        Assert.Equal("QUERY_LIMIT_EXCEEDED", replies[2].Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Changes_ThroughTheDialectNeutralView_MoveTimesAndSemantics()
    {
        var seeded = _sandbox.Dataset.Deals.First(d => d.Status == Core.Model.DealStatus.Open);
        var id = _sandbox.Bitrix24.GetDealId(seeded.Key);

        _sandbox.Bitrix24.MoveDealToStage(id, SandboxStageKeys.SalesPipeline, SandboxStageKeys.Won);
        var reply = await _http.CallAsync("crm.item.get", $$"""{"entityTypeId":2,"id":{{id}}}""");

        var deal = reply.Result.GetProperty("item");
        Assert.Equal("WON", deal.GetProperty("stageId").GetString());
        Assert.Equal("S", deal.GetProperty("stageSemanticId").GetString());
        Assert.Equal("Y", deal.GetProperty("closed").GetString());
        Assert.Equal(DateTimeOffset.Parse(deal.GetProperty("updatedTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(deal.GetProperty("movedTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        _sandbox.Bitrix24.RemoveDeal(id);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.CallAsync("crm.item.get", $$"""{"entityTypeId":2,"id":{{id}}}""")).Status);
    }

    [Fact]
    public async Task Portal_With100000Deals_ServesTheLastPageQuickly()
    {
        using var big = CrmSandbox.Start(new SandboxOptions { DealCount = 100_000 });
        using var http = new Bitrix24Http(big.Bitrix24.WebhookUrl);

        var stopwatch = Stopwatch.StartNew();
        var reply = await http.CallAsync("crm.item.list", """{"entityTypeId":2,"select":["id"],"order":{"id":"ASC"},"filter":{">id":99990},"start":-1}""");
        stopwatch.Stop();

        Assert.Equal(100_000, big.Bitrix24.DealCount);
        Assert.Equal(10, reply.Result.GetProperty("items").GetArrayLength());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }
}
