using System.Diagnostics;
using CrmBridge.Adapters.Pipedrive.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CrmBridge.Adapters.Pipedrive.Tests;

public sealed class PipedriveResilienceTests : IDisposable
{
    private readonly PipedriveHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Get_429ThenSuccess_WaitsForTheResetAndSucceeds()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet()).InScenario("limit").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json")
                .WithHeader("x-ratelimit-limit", "20").WithHeader("x-ratelimit-remaining", "0").WithHeader("x-ratelimit-reset", "0.3")
                .WithBody(PipedriveFake.Fixture("error-429.json")));
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet()).InScenario("limit").WhenStateIs("open")
            .RespondWith(PipedriveFake.Json("users.json"));
        var stopwatch = Stopwatch.StartNew();

        var owners = await _h.CreateAdapter().GetOwnersAsync(CancellationToken.None);

        Assert.Equal(2, owners.Count);
        Assert.Equal(2, _h.Fake.Requests("/v1/users").Count);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(250), $"waited only {stopwatch.Elapsed}");
        Assert.Equal(new Core.Diagnostics.CrmRequestCount(2, 1), _h.Meter.Read(PipedriveHarness.ConnectionName));
    }

    [Fact]
    public async Task Get_RemainingBudgetRunsLow_HoldsTheNextRequestUntilTheReset()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithHeader("x-ratelimit-limit", "20").WithHeader("x-ratelimit-remaining", "0").WithHeader("x-ratelimit-reset", "0.6")
                .WithBody(PipedriveFake.Fixture("users.json")));
        var adapter = _h.CreateAdapter();

        // Timed from before the first request: the hold ends 0.6 s after its answer, however slow the machine is.
        var stopwatch = Stopwatch.StartNew();
        await adapter.GetOwnersAsync(CancellationToken.None);
        await adapter.GetOwnersAsync(CancellationToken.None);

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(550), $"both requests went out within {stopwatch.Elapsed}");
        Assert.Equal(0, _h.Meter.Read(PipedriveHarness.ConnectionName).RateLimited);
    }

    [Fact]
    public async Task Get_PlentyOfBudgetLeft_DoesNotWait()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithHeader("x-ratelimit-limit", "20").WithHeader("x-ratelimit-remaining", "15").WithHeader("x-ratelimit-reset", "30")
                .WithBody(PipedriveFake.Fixture("users.json")));
        var adapter = _h.CreateAdapter();
        await adapter.GetOwnersAsync(CancellationToken.None);
        var stopwatch = Stopwatch.StartNew();

        await adapter.GetOwnersAsync(CancellationToken.None);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}: it waited for the reset");
    }

    [Fact]
    public async Task Get_5xxThenSuccess_RetriesTheRead()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet()).InScenario("flaky").WillSetStateTo("ok")
            .RespondWith(PipedriveFake.Json("error-500.json", 502));
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet()).InScenario("flaky").WhenStateIs("ok")
            .RespondWith(PipedriveFake.Json("users.json"));

        var owners = await _h.CreateAdapter().GetOwnersAsync(CancellationToken.None);

        Assert.Equal(2, owners.Count);
        Assert.Equal(2, _h.Fake.Requests("/v1/users").Count);
    }

    [Fact]
    public async Task Get_5xxEveryTime_FailsAsUnavailableAfterTheAttempts()
    {
        _h.Fake.Get("/v1/users", "error-500.json", 500);

        var error = await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().GetOwnersAsync(CancellationToken.None));

        Assert.Contains("GET /v1/users", error.Message, StringComparison.Ordinal);
        Assert.Contains("Internal server error", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _h.Fake.Requests("/v1/users").Count);
    }

    [Fact]
    public async Task Post_5xx_IsNotSentTwice()
    {
        _h.Fake.Post("/v1/notes", "error-500.json", 500);

        await Assert.ThrowsAsync<CrmUnavailableException>(() => _h.CreateAdapter().AddNoteAsync(new NewNote("101", "x"), CancellationToken.None));

        Assert.Single(_h.Fake.Requests("/v1/notes"));
    }

    [Fact]
    public async Task Get_MalformedBodyEveryTime_FailsAsUnreadableResponseAfterThreeReads()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"success\":true,\"data\":[{\"id\":1,"));

        var error = await Assert.ThrowsAsync<CrmResponseException>(() => _h.CreateAdapter().GetOwnersAsync(CancellationToken.None));

        Assert.Contains("GET /v1/users", error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _h.Fake.Requests("/v1/users").Count);
    }

    [Fact]
    public async Task Get_MalformedBodyOnce_ReadsAgainAndSucceeds()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet()).InScenario("garbled").WillSetStateTo("fine")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html>proxy error</html>"));
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet()).InScenario("garbled").WhenStateIs("fine")
            .RespondWith(PipedriveFake.Json("users.json"));

        var owners = await _h.CreateAdapter().GetOwnersAsync(CancellationToken.None);

        Assert.Equal(2, owners.Count);
        Assert.Equal(2, _h.Fake.Requests("/v1/users").Count);
    }

    [Fact]
    public async Task Get_401_FailsWithAnAuthErrorAfterOneRequestAndNeverLogsTheToken()
    {
        _h.Fake.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(PipedriveFake.Json("error-401.json", 401));
        var adapter = _h.CreateAdapter();

        var error = await Assert.ThrowsAsync<CrmAuthException>(() => adapter.GetPipelinesAsync(CancellationToken.None));
        await Assert.ThrowsAsync<CrmAuthException>(() => adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None));

        Assert.Contains("unauthorized access", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pipedrive (main) GET /api/v2/pipelines", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _h.Fake.Server.LogEntries.Count());
        Assert.DoesNotContain(_h.Logs.Lines, line => line.Contains(PipedriveHarness.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(PipedriveHarness.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_429BeyondTheLongestWait_FailsAsRateLimitedWithoutWaiting()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/v1/users").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json").WithHeader("Retry-After", "3600")
                .WithBody(PipedriveFake.Fixture("error-429.json")));

        var error = await Assert.ThrowsAsync<CrmRateLimitedException>(() => _h.CreateAdapter().GetOwnersAsync(CancellationToken.None));

        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Single(_h.Fake.Requests("/v1/users"));
    }
}
