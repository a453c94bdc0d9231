using System.Text.Json;
using CrmBridge.Core.Cemetery;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmBridge.Alerts.Tests.Cemetery;

public sealed class TelegramCemeteryChannelTests : IAsyncLifetime
{
    private const string Token = "123456:AAE-s3cr3t-b0t-t0k3n";
    private const string SendPath = "/bot" + Token + "/sendMessage";
    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly string _variable = "CRMBRIDGE_TEST_TELEGRAM_" + Guid.NewGuid().ToString("N")[..8];
    private AlertsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, Token);
        _host = new AlertsTestHost(new()
        {
            ["CrmBridge:Cemetery:Channels:Telegram:Enabled"] = "true",
            ["CrmBridge:Cemetery:Channels:Telegram:BotToken"] = "env:" + _variable,
            ["CrmBridge:Cemetery:Channels:Telegram:ChatId"] = "-100200300",
            ["CrmBridge:Cemetery:Channels:Telegram:ApiBaseUrl"] = _telegram.Url,
        });
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _telegram.Stop();
        Environment.SetEnvironmentVariable(_variable, null);
    }

    [Fact]
    public async Task Deliver_Digest_CallsSendMessageWithHtmlForTheRecipientsChat()
    {
        Ok();

        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("telegram"), SampleDigest.Owner(chat: "777"));

        Assert.Equal(1, report.Sent);
        var request = Assert.Single(_telegram.LogEntries).RequestMessage!;
        Assert.Equal(SendPath, request.Path);
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("777", body.GetProperty("chat_id").GetString());
        Assert.Equal("HTML", body.GetProperty("parse_mode").GetString());
        Assert.True(body.GetProperty("disable_web_page_preview").GetBoolean());
        var text = body.GetProperty("text").GetString()!;
        Assert.StartsWith("<b>Ivan Petrov, 2 stale deals of yours need attention</b>", text, StringComparison.Ordinal);
        Assert.Contains("• <a href=\"https://crm.example/deals/001\">Deal 001 &amp; Co</a> — Demo run · idle 32 days (threshold 30) · new", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs, l => l.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(Token, string.Join('\n', (await _host.OutboxAsync()).SelectMany(m => m.Parts)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_LongDigest_SplitsIntoMessagesUnderTheSizeLimitKeepingEveryDeal()
    {
        var rendered = Assert.Single(_host.Channel("telegram").Render(SampleDigest.Owner(count: 300)));

        var texts = rendered.Parts.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("text").GetString()!).ToList();
        Assert.True(texts.Count > 1);
        Assert.All(texts, t => Assert.InRange(t.Length, 1, 4096));
        Assert.Equal(300, texts.Sum(t => t.Split('\n').Count(l => l.StartsWith("• ", StringComparison.Ordinal))));
        Assert.Equal("-100200300", JsonDocument.Parse(rendered.Parts[0]).RootElement.GetProperty("chat_id").GetString());
    }

    [Fact]
    public async Task Deliver_SecondPartFailsThenRecovers_ResendsOnlyTheMissingParts()
    {
        Ok();
        _telegram.Given(Request.Create().WithPath(SendPath).WithBody((string? body) => body is not null && body.Contains("Deal 150 ", StringComparison.Ordinal)).UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}"));

        var first = await _host.EnqueueAndDeliverAsync(_host.Channel("telegram"), SampleDigest.Owner(count: 300));
        var failed = Assert.Single(first.Failures);
        Assert.StartsWith("telegram: HTTP 500", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, failed.Error, StringComparison.Ordinal);
        var pending = Assert.Single(await _host.OutboxAsync());
        Assert.Equal(CemeteryOutboxStatus.Pending, pending.Status);
        Assert.True(pending.PartsSent >= 1);

        _telegram.Reset();
        Ok();
        _host.Time.Advance(TimeSpan.FromHours(1));
        var second = await _host.DeliverAsync(_host.Channel("telegram"));

        Assert.Equal(1, second.Sent);
        Assert.Equal(pending.Parts.Count - pending.PartsSent, _telegram.LogEntries.Count());
        Assert.DoesNotContain(_telegram.LogEntries, e => e.RequestMessage!.Body!.Contains("Deal 001 ", StringComparison.Ordinal));
        Assert.Equal(CemeteryOutboxStatus.Sent, Assert.Single(await _host.OutboxAsync()).Status);
    }

    [Fact]
    public async Task Deliver_TooManyRequestsThenOk_RetriesOnce()
    {
        _telegram.Given(Request.Create().WithPath(SendPath).UsingPost()).InScenario("limit").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0").WithBody("{\"ok\":false,\"error_code\":429}"));
        _telegram.Given(Request.Create().WithPath(SendPath).UsingPost()).InScenario("limit").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"ok\":true,\"result\":{}}"));

        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("telegram"), SampleDigest.Owner());

        Assert.Equal(1, report.Sent);
        Assert.Equal(2, _telegram.LogEntries.Count());
    }

    private void Ok() => _telegram.Given(Request.Create().WithPath(SendPath).UsingPost()).AtPriority(10)
        .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"ok\":true,\"result\":{\"message_id\":1}}"));
}
