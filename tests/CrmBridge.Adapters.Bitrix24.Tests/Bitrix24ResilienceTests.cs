using CrmBridge.Adapters.Bitrix24.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Errors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>How the shared pipeline, configured for Bitrix24, meets the portal's "slow down", failure and auth answers.</summary>
public sealed class Bitrix24ResilienceTests : IDisposable
{
    private const string Categories = "crm.category.list";
    private readonly Bitrix24Harness _h = new();

    public Bitrix24ResilienceTests() => _h.Fake.Portal();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetPipelinesAsync_503QueryLimitExceededThenSuccess_RetriesAndSucceeds()
    {
        FirstThen(Bitrix24Fake.Json("error-query-limit.json", 503));

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(2, pipelines.Count);
        Assert.Equal(2, _h.Fake.Requests(Categories).Count);
        Assert.Equal(1, _h.Meter.Read(Bitrix24Harness.ConnectionName).RateLimited);
    }

    [Fact]
    public async Task GetPipelinesAsync_429OperationTimeLimitThenSuccess_RetriesAndSucceeds()
    {
        FirstThen(Bitrix24Fake.Json("error-operation-time.json", 429));

        await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(2, _h.Fake.Requests(Categories).Count);
    }

    [Fact]
    public async Task GetPipelinesAsync_QueryLimitForever_ThrowsRateLimitedNamingTheMethod()
    {
        _h.Fake.On(Categories, "error-query-limit.json", 503, priority: 1);

        var ex = await Assert.ThrowsAsync<CrmRateLimitedException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Equal(5, _h.Fake.Requests(Categories).Count);
        Assert.Equal("POST /crm.category.list.json", ex.Endpoint);
    }

    [Fact]
    public async Task GetPipelinesAsync_503OverloadLimit_IsNotRetried()
    {
        _h.Fake.On(Categories, "error-overload.json", 503, priority: 1);

        var ex = await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Single(_h.Fake.Requests(Categories));
        Assert.Contains("OVERLOAD_LIMIT", ex.Message, StringComparison.Ordinal);
        Assert.Contains("contact Bitrix24 support", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPipelinesAsync_500ThenSuccess_RetriesTheRead()
    {
        FirstThen(Bitrix24Fake.Json("error-internal.json", 500));

        await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(2, _h.Fake.Requests(Categories).Count);
    }

    [Fact]
    public async Task GetPipelinesAsync_500Forever_ThrowsUnavailableAfterMaxAttempts()
    {
        _h.Fake.On(Categories, "error-internal.json", 500, priority: 1);

        var ex = await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Equal(5, _h.Fake.Requests(Categories).Count);
        Assert.Contains("INTERNAL_SERVER_ERROR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTaskAsync_500_IsNotResentBecauseTheWriteMayHaveHappened()
    {
        _h.Fake.On("crm.activity.todo.add", "error-internal.json", 500, priority: 1);

        await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().CreateTaskAsync(
            new NewTask("1", "1", "Call", null, DateTimeOffset.UnixEpoch), CancellationToken.None));

        Assert.Single(_h.Fake.Requests("crm.activity.todo.add"));
    }

    [Fact]
    public async Task CreateDealAsync_WriteBatchGets500_IsNotResent()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(Bitrix24Fake.MethodPath("batch")).UsingPost().WithBody(b => b!.Contains("crm.item.add", StringComparison.Ordinal)))
            .AtPriority(1).RespondWith(Bitrix24Fake.Json("error-internal.json", 500));

        await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().CreateDealAsync(
            new NewDeal { Name = "x", PipelineId = "0", StageId = "NEW" }, CancellationToken.None));

        Assert.Single(_h.Fake.Requests("batch"), r => r.RequestMessage!.Body!.Contains("crm.item.add", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDealsPageAsync_MalformedBody_ThrowsResponseErrorNamingTheMethod()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(Bitrix24Fake.MethodPath("crm.item.list")).UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"result":{"items":[{"id":1,"title":"cut off"""));

        var ex = await Assert.ThrowsAsync<CrmResponseException>(() => _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None));

        Assert.Equal("POST /crm.item.list.json", ex.Endpoint);
        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPipelinesAsync_401NoAuthFound_StopsAfterOneRequestWithAClearMessage()
    {
        _h.Fake.On(Categories, "error-no-auth.json", 401, priority: 1);

        var ex = await Assert.ThrowsAsync<CrmAuthException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Single(_h.Fake.Requests(Categories));
        Assert.Equal(new CrmRequestCount(1, 0), _h.Meter.Read(Bitrix24Harness.ConnectionName));
        Assert.Contains("NO_AUTH_FOUND", ex.Message, StringComparison.Ordinal);
        Assert.Contains("webhook", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_DefaultLimiter_IsALeakyBucketWithABurst()
    {
        using var h = new Bitrix24Harness(o =>
        {
            o.RequestsPerSecond = 5;
            o.Burst = 3;
        });
        h.Fake.On(Categories, "categories.json", priority: 1);
        h.Fake.Server.Given(Request.Create().WithPath(Bitrix24Fake.MethodPath("user.get")).UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"result":[],"total":0}"""));
        var adapter = h.CreateAdapter();
        var started = TimeProvider.System.GetTimestamp();

        for (var i = 0; i < 6; i++)
        {
            await adapter.GetOwnersAsync(CancellationToken.None);
        }

        // 2 at once (the client's bucket keeps one of the 3 as headroom), then one per 200 ms: the last of 6 leaves after about 800 ms.
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(650), TimeSpan.FromSeconds(5));
    }

    private void FirstThen(IResponseBuilder failure)
    {
        const string Scenario = "first-then";
        _h.Fake.Server.Given(Request.Create().WithPath(Bitrix24Fake.MethodPath(Categories)).UsingPost()).AtPriority(1)
            .InScenario(Scenario).WillSetStateTo("failed-once").RespondWith(failure);
        _h.Fake.Server.Given(Request.Create().WithPath(Bitrix24Fake.MethodPath(Categories)).UsingPost()).AtPriority(1)
            .InScenario(Scenario).WhenStateIs("failed-once").RespondWith(Bitrix24Fake.Json("categories.json"));
    }
}
