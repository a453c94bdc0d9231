using CrmBridge.Adapters.HubSpot.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CrmBridge.Adapters.HubSpot.Tests;

/// <summary>The shared HTTP pipeline (retries, counting, translation) as the HubSpot adapter uses it.</summary>
public sealed class HubSpotResilienceTests : IDisposable
{
    private const string PipelinesPath = "/crm/v3/pipelines/deals";
    private readonly HubSpotHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetPipelinesAsync_429WithRetryAfter_WaitsAndSucceeds()
    {
        FirstThen(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithHeader("Content-Type", "application/json")
            .WithBody(HubSpotFake.Fixture("error-429.json")));

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(2, pipelines.Count);
        var requests = _h.Fake.Requests(PipelinesPath);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].RequestMessage!.DateTime - requests[0].RequestMessage!.DateTime >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
        Assert.Equal(new CrmRequestCount(2, 1), _h.Meter.Read(HubSpotHarness.ConnectionName));
    }

    [Fact]
    public async Task GetPipelinesAsync_429WithoutRetryAfter_WaitsTheHubSpotIntervalHeaderAndSucceeds()
    {
        FirstThen(Response.Create().WithStatusCode(429).WithHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "200")
            .WithBody(HubSpotFake.Fixture("error-429.json")));

        await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        var requests = _h.Fake.Requests(PipelinesPath);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].RequestMessage!.DateTime - requests[0].RequestMessage!.DateTime >= TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task GetPipelinesAsync_429Forever_ThrowsRateLimitedAfterMaxAttempts()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet())
            .RespondWith(HubSpotFake.Json("error-429.json", 429));

        var ex = await Assert.ThrowsAsync<CrmRateLimitedException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Equal(5, _h.Fake.Requests(PipelinesPath).Count);
        Assert.Equal(new CrmRequestCount(5, 5), _h.Meter.Read(HubSpotHarness.ConnectionName));
        Assert.Equal("GET /crm/v3/pipelines/deals", ex.Endpoint);
    }

    [Fact]
    public async Task GetPipelinesAsync_503ThenSuccess_Retries()
    {
        FirstThen(HubSpotFake.Json("error-500.json", 503));

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(2, pipelines.Count);
        Assert.Equal(new CrmRequestCount(2, 0), _h.Meter.Read(HubSpotHarness.ConnectionName));
    }

    [Fact]
    public async Task GetPipelinesAsync_DroppedConnectionThenSuccess_Retries()
    {
        _h.Fake.Pipelines();
        // The socket handler quietly resends a request whose fresh connection closed unanswered a few times on its
        // own; enough drops make the failure reach the pipeline, whose retry must then carry the call through.
        using var proxy = new DroppingProxy(_h.Fake.Url, drops: 10);
        _h.Connection.BaseUrl = proxy.Url;

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(2, pipelines.Count);
        Assert.Equal(10, proxy.Dropped);
        Assert.True(_h.Meter.Read(HubSpotHarness.ConnectionName).Requests >= 2, "the dropped connections never reached the pipeline's retry");
    }

    [Fact]
    public async Task GetPipelinesAsync_EmptyBody_ThrowsResponseException()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet()).RespondWith(Response.Create().WithFault(FaultType.EMPTY_RESPONSE));

        var ex = await Assert.ThrowsAsync<CrmResponseException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Equal("GET /crm/v3/pipelines/deals", ex.Endpoint);
    }

    [Fact]
    public async Task GetPipelinesAsync_5xxForever_ThrowsUnavailableNamingCrmConnectionAndEndpoint()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet()).RespondWith(HubSpotFake.Json("error-500.json", 500));

        var ex = await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Equal(5, _h.Fake.Requests(PipelinesPath).Count);
        Assert.Equal(CrmKind.HubSpot, ex.Crm);
        Assert.Equal("main", ex.Connection);
        Assert.Equal("GET /crm/v3/pipelines/deals", ex.Endpoint);
        Assert.StartsWith("HubSpot (main) GET /crm/v3/pipelines/deals: unavailable (HTTP 500: internal error after 5 attempts)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPipelinesAsync_AttemptTimesOut_RetriesThenThrowsUnavailable()
    {
        using var h = new HubSpotHarness(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.Resilience.MaxAttempts = 2;
        });
        h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet())
            .RespondWith(HubSpotFake.Json("pipelines.json").WithDelay(TimeSpan.FromSeconds(2)));

        var ex = await Assert.ThrowsAsync<CrmUnavailableException>(() => h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Contains("timed out after 2 attempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDealsPageAsync_MalformedJsonEveryTime_ReadsAgainThenThrowsResponseExceptionNamingTheEndpoint()
    {
        _h.Fake.Pipelines();
        _h.Fake.Get("/crm/v3/objects/deals", "deals-truncated.json");

        var ex = await Assert.ThrowsAsync<CrmResponseException>(() =>
            _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None));

        Assert.Equal("GET /crm/v3/objects/deals", ex.Endpoint);
        Assert.StartsWith("HubSpot (main) GET /crm/v3/objects/deals: unreadable response: malformed JSON", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("properties=", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, _h.Fake.Requests("/crm/v3/objects/deals").Count); // a read is sent again up to the retry limit

    }

    [Fact]
    public async Task GetPipelinesAsync_ExpiredToken_ThrowsAuthAfterExactlyOneRequest()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet()).RespondWith(HubSpotFake.Json("error-401.json", 401));

        var ex = await Assert.ThrowsAsync<CrmAuthException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Single(_h.Fake.Server.LogEntries);
        Assert.Equal(new CrmRequestCount(1, 0), _h.Meter.Read(HubSpotHarness.ConnectionName));
        Assert.Contains("Authentication credentials not found.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(HubSpotHarness.Token, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_Logs_NeverContainTheTokenOrQueryStrings()
    {
        _h.Fake.Pipelines();
        FirstThen(HubSpotFake.Json("error-500.json", 503));
        _h.Fake.Get("/crm/v3/objects/deals", "deals-page2.json");
        var adapter = _h.CreateAdapter();

        await adapter.GetPipelinesAsync(CancellationToken.None);
        await adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None);

        Assert.Contains(_h.Logs.Lines, l => l.Contains("GET /crm/v3/objects/deals", StringComparison.Ordinal));
        Assert.Contains(_h.Logs.Lines, l => l.Contains("retry", StringComparison.Ordinal));
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains(HubSpotHarness.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains("properties=", StringComparison.Ordinal) || l.Contains('?', StringComparison.Ordinal));
    }

    private void FirstThen(IResponseBuilder first)
    {
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet())
            .InScenario("first-fails").WillSetStateTo("recovered").RespondWith(first);
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet())
            .InScenario("first-fails").WhenStateIs("recovered").RespondWith(HubSpotFake.Json("pipelines.json"));
    }
}
