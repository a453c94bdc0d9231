using System.Text.Json;
using CrmBridge.Core.Cemetery;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmBridge.Alerts.Tests.Cemetery;

public sealed class SlackCemeteryChannelTests : IAsyncLifetime
{
    private const string HookPath = "/services/T000/B000/s3cr3tW3bh00k";
    private readonly WireMockServer _slack = WireMockServer.Start();
    private readonly string _variable = "CRMBRIDGE_TEST_SLACK_" + Guid.NewGuid().ToString("N")[..8];
    private AlertsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, _slack.Url + HookPath);
        _host = new AlertsTestHost(new()
        {
            ["CrmBridge:Cemetery:Channels:Slack:Enabled"] = "true",
            ["CrmBridge:Cemetery:Channels:Slack:WebhookUrl"] = "env:" + _variable,
        });
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _slack.Stop();
        Environment.SetEnvironmentVariable(_variable, null);
    }

    [Fact]
    public async Task Deliver_OwnerDigest_PostsHeaderSectionsWithLinksAndContext()
    {
        _slack.Given(Request.Create().WithPath(HookPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));

        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("slack"), SampleDigest.Owner());

        Assert.Equal(1, report.Sent);
        var request = Assert.Single(_slack.LogEntries).RequestMessage!;
        Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("Ivan Petrov, 2 stale deals of yours need attention", body.GetProperty("text").GetString());
        var blocks = body.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        var first = blocks[1].GetProperty("text");
        Assert.Equal("mrkdwn", first.GetProperty("type").GetString());
        Assert.Equal("*<https://crm.example/deals/001|Deal 001 &amp; Co>*\nDemo run · idle 32 days (threshold 30) · new", first.GetProperty("text").GetString());
        Assert.Contains("no next activity", blocks[2].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 stale deal reported earlier is still stale.", blocks[3].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs, l => l.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deliver_ManagerDigest_ShowsTheTeamAndEachDealsOwnerEscaped()
    {
        _slack.Given(Request.Create().WithPath(HookPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));

        await _host.EnqueueAndDeliverAsync(_host.Channel("slack"), SampleDigest.Manager());

        var blocks = JsonDocument.Parse(Assert.Single(_slack.LogEntries).RequestMessage!.Body!).RootElement.GetProperty("blocks");
        Assert.Contains("Olga &lt;Smirnova&gt;: 1 stale", blocks[1].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("divider", blocks[2].GetProperty("type").GetString());
        Assert.EndsWith("— Olga &lt;Smirnova&gt;\nDemo run · idle 33 days (threshold 30) · no next activity · new", blocks[4].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_LongDigest_SplitsUnderSlacksBlockLimit()
    {
        _slack.Given(Request.Create().WithPath(HookPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));

        await _host.EnqueueAndDeliverAsync(_host.Channel("slack"), SampleDigest.Owner(count: 100));

        var bodies = _slack.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b => Assert.True(b.GetProperty("blocks").GetArrayLength() <= 50));
        Assert.Equal(100, bodies.Sum(b => b.GetProperty("blocks").EnumerateArray().Count(x => x.GetProperty("type").GetString() == "section")));
        Assert.EndsWith("(3/3)", bodies[2].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ServerErrorThenOk_RetriesAndNeverSendsItAgain()
    {
        _slack.Given(Request.Create().WithPath(HookPath).UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("busy"));
        _slack.Given(Request.Create().WithPath(HookPath).UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));

        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("slack"), SampleDigest.Owner());
        _host.Time.Advance(TimeSpan.FromDays(1));
        var later = await _host.DeliverAsync(_host.Channel("slack"));

        Assert.Equal(1, report.Sent);
        Assert.Equal(0, later.Sent);
        Assert.Equal([503, 200], _slack.LogEntries.Select(e => (int)e.ResponseMessage!.StatusCode!));
        Assert.Equal(CemeteryOutboxStatus.Sent, Assert.Single(await _host.OutboxAsync()).Status);
    }
}
