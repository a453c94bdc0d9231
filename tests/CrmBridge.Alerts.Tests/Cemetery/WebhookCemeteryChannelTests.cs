using System.Text.Json;
using CrmBridge.Core.Cemetery;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmBridge.Alerts.Tests.Cemetery;

public sealed class WebhookCemeteryChannelTests : IAsyncLifetime
{
    private const string HookPath = "/hooks/cemetery-s3cr3t";
    private readonly WireMockServer _hooks = WireMockServer.Start();
    private readonly string _variable = "CRMBRIDGE_TEST_WEBHOOK_" + Guid.NewGuid().ToString("N")[..8];
    private AlertsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, _hooks.Url + HookPath);
        _host = new AlertsTestHost(new()
        {
            ["CrmBridge:Cemetery:Channels:Webhook:Enabled"] = "true",
            ["CrmBridge:Cemetery:Channels:Webhook:Url"] = "env:" + _variable,
        });
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _hooks.Stop();
        Environment.SetEnvironmentVariable(_variable, null);
    }

    [Fact]
    public async Task Deliver_ManagerDigest_PostsTheDocumentedJsonWithAnIdempotencyKey()
    {
        _hooks.Given(Request.Create().WithPath(HookPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(202));

        await _host.EnqueueAndDeliverAsync(_host.Channel("webhook"), SampleDigest.Manager());

        var request = Assert.Single(_hooks.LogEntries).RequestMessage!;
        var key = Assert.Single((await _host.OutboxAsync())).IdempotencyKey;
        Assert.Equal(key, request.Headers!["Idempotency-Key"].Single());
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("crmbridge.cemetery.digest", body.GetProperty("type").GetString());
        Assert.Equal("Manager", body.GetProperty("kind").GetString());
        Assert.Equal("main", body.GetProperty("connection").GetString());
        Assert.Equal("manager:anna", body.GetProperty("recipient").GetProperty("key").GetString());
        var deal = body.GetProperty("deals")[1];
        Assert.Equal("002", deal.GetProperty("id").GetString());
        Assert.Equal("Olga <Smirnova>", deal.GetProperty("owner").GetString());
        Assert.Equal(33, deal.GetProperty("idleDays").GetInt32());
        Assert.Equal(30, deal.GetProperty("thresholdDays").GetInt32());
        Assert.Equal(["noActivity", "noNextActivity"], deal.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("New", deal.GetProperty("cause").GetString());
        Assert.Equal("https://crm.example/deals/002", deal.GetProperty("url").GetString());
        Assert.Equal(2, body.GetProperty("team").GetArrayLength());
    }

    [Fact]
    public async Task Deliver_ServerErrorThenOk_SendsTheSameKeyAndNothingAfterSuccess()
    {
        _hooks.Given(Request.Create().WithPath(HookPath).UsingPost()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(500));
        _hooks.Given(Request.Create().WithPath(HookPath).UsingPost()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200));

        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("webhook"), SampleDigest.Owner());
        _host.Time.Advance(TimeSpan.FromDays(2));
        await _host.DeliverAsync(_host.Channel("webhook"));

        Assert.Equal(1, report.Sent);
        var keys = _hooks.LogEntries.Select(e => e.RequestMessage!.Headers!["Idempotency-Key"].Single()).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Single(keys.Distinct());
    }

    [Fact]
    public async Task Deliver_ServerDownThroughEveryRetry_KeepsTheMessageForTheNextPassAndSendsItOnce()
    {
        _hooks.Given(Request.Create().WithPath(HookPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(502).WithBody("bad gateway"));

        var first = await _host.EnqueueAndDeliverAsync(_host.Channel("webhook"), SampleDigest.Owner());

        var failure = Assert.Single(first.Failures);
        Assert.Equal("webhook: HTTP 502 BadGateway: bad gateway", failure.Error);
        Assert.Equal(3, _hooks.LogEntries.Count());
        var pending = Assert.Single(await _host.OutboxAsync());
        Assert.Equal((CemeteryOutboxStatus.Pending, 1), (pending.Status, pending.Attempts));
        Assert.DoesNotContain(_host.Logs, l => l.Contains("s3cr3t", StringComparison.Ordinal));

        _hooks.Reset();
        _hooks.Given(Request.Create().WithPath(HookPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        Assert.Equal(0, (await _host.DeliverAsync(_host.Channel("webhook"))).Sent);
        _host.Time.Advance(_host.Options.Delivery.OutboxRetryDelay);
        Assert.Equal(1, (await _host.DeliverAsync(_host.Channel("webhook"))).Sent);
        _host.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await _host.DeliverAsync(_host.Channel("webhook"))).Sent);
        Assert.Single(_hooks.LogEntries);
    }

    [Fact]
    public async Task Deliver_ClientError_IsNotRetriedWithinTheAttempt()
    {
        _hooks.Given(Request.Create().WithPath(HookPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(400).WithBody("{\"error\":\"bad\"}"));

        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("webhook"), SampleDigest.Owner());

        Assert.Single(report.Failures);
        Assert.Single(_hooks.LogEntries);
    }
}
