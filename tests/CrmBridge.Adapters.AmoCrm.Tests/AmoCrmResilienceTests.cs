using CrmBridge.Adapters.AmoCrm.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CrmBridge.Adapters.AmoCrm.Tests;

/// <summary>The shared HTTP pipeline as the amoCRM adapter uses it: limiter, 429, 5xx, malformed bodies, 401 and 403.</summary>
public sealed class AmoCrmResilienceTests : IDisposable
{
    private const string PipelinesPath = "/api/v4/leads/pipelines";
    private readonly AmoCrmHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetPipelinesAsync_429WithRetryAfter_WaitsAndSucceeds()
    {
        FirstThen(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(2, pipelines.Count);
        var requests = _h.Fake.Requests(PipelinesPath);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].RequestMessage!.DateTime - requests[0].RequestMessage!.DateTime >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
        Assert.Equal(new CrmRequestCount(2, 1), _h.Meter.Read(AmoCrmHarness.ConnectionName));
    }

    [Fact]
    public async Task GetPipelinesAsync_429WithAnHtmlBody_WaitsTheFallbackAndSucceeds()
    {
        FirstThen(Response.Create().WithStatusCode(429).WithHeader("Content-Type", "text/html").WithBody("<html><body>Too Many Requests</body></html>"));

        var pipelines = await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(2, pipelines.Count);
        Assert.Equal(new CrmRequestCount(2, 1), _h.Meter.Read(AmoCrmHarness.ConnectionName));
    }

    [Fact]
    public async Task GetPipelinesAsync_5xxThenSuccess_Retries()
    {
        FirstThen(Response.Create().WithStatusCode(502).WithBody("<html>Bad Gateway</html>"));

        Assert.Equal(2, (await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None)).Count);
        Assert.Equal(2, _h.Fake.Requests(PipelinesPath).Count);
    }

    [Fact]
    public async Task GetPipelinesAsync_5xxForever_ThrowsUnavailableNamingTheEndpoint()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(500));

        var ex = await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Equal(5, _h.Fake.Requests(PipelinesPath).Count);
        Assert.Equal(CrmKind.AmoCrm, ex.Crm);
        Assert.Equal("GET /api/v4/leads/pipelines", ex.Endpoint);
    }

    [Fact]
    public async Task CreateDealAsync_500_IsNotRepeated()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v4/leads").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));

        await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().CreateDealAsync(new NewDeal { Name = "x", PipelineId = "1", StageId = "2" }, CancellationToken.None));

        Assert.Single(_h.Fake.Requests("/api/v4/leads", "POST"));
    }

    [Fact]
    public async Task GetDealsPageAsync_MalformedJson_ThrowsResponseExceptionNamingTheEndpoint()
    {
        _h.Fake.Basics();
        _h.Fake.Get("/api/v4/leads", "leads-truncated.json");

        var ex = await Assert.ThrowsAsync<CrmResponseException>(() => _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None));

        Assert.Equal("GET /api/v4/leads", ex.Endpoint);
        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, _h.Fake.Requests("/api/v4/leads").Count); // a read is sent again up to the retry limit
    }

    [Fact]
    public async Task GetPipelinesAsync_401WithALongLivedToken_ThrowsAuthAfterExactlyOneRequest()
    {
        _h.Fake.Get(PipelinesPath, "error-401.json", status: 401);

        var ex = await Assert.ThrowsAsync<CrmAuthException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Single(_h.Fake.Server.LogEntries);
        Assert.Contains("Неверный логин или пароль", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AmoCrmHarness.Token, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains(AmoCrmHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetPipelinesAsync_403AccountBlocked_SaysSoAndIsNeverRetried()
    {
        _h.Fake.Get(PipelinesPath, "error-403.json", status: 403);

        var ex = await Assert.ThrowsAsync<CrmAuthException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Single(_h.Fake.Server.LogEntries);
        Assert.Contains("HTTP 403", ex.Message, StringComparison.Ordinal);
        Assert.Contains("blocked", ex.Message, StringComparison.Ordinal);
        Assert.Contains("without retrying", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Account is blocked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_SentWithTheBearerToken()
    {
        _h.Fake.Get(PipelinesPath, "pipelines.json");

        await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal($"Bearer {AmoCrmHarness.Token}", _h.Fake.Server.LogEntries.Single().RequestMessage!.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task Requests_DefaultLimiter_KeepsToSevenPerSecond()
    {
        using var h = new AmoCrmHarness(o =>
        {
            o.RateLimitPermits = new AmoCrmOptions().RateLimitPermits;
            o.RateLimitWindow = new AmoCrmOptions().RateLimitWindow;
        });
        h.Fake.Get(PipelinesPath, "pipelines.json");
        var adapter = h.CreateAdapter();

        await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => adapter.GetPipelinesAsync(CancellationToken.None)));

        var times = h.Fake.Requests(PipelinesPath).Select(r => r.RequestMessage!.DateTime).Order().ToList();
        Assert.Equal(15, times.Count);
        for (var i = 7; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 7] >= TimeSpan.FromSeconds(0.95), $"requests {i - 7} and {i} were {(times[i] - times[i - 7]).TotalMilliseconds} ms apart");
        }
    }

    private void FirstThen(IResponseBuilder first)
    {
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet()).InScenario("once").WillSetStateTo("done").RespondWith(first);
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet()).InScenario("once").WhenStateIs("done").RespondWith(AmoCrmFake.Json("pipelines.json"));
    }
}
