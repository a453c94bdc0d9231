using CrmBridge.Core.Cemetery;
using MimeKit;

namespace CrmBridge.Alerts.Tests.Cemetery;

public sealed class EmailCemeteryChannelTests : IAsyncLifetime
{
    private const string Password = "smtp-s3cr3t-pa55";
    private readonly string _variable = "CRMBRIDGE_TEST_SMTP_" + Guid.NewGuid().ToString("N")[..8];
    private LoopbackSmtpServer _smtp = null!;
    private AlertsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, Password);
        _smtp = new LoopbackSmtpServer("crmbridge", Password);
        _host = new AlertsTestHost(new()
        {
            ["CrmBridge:Cemetery:Channels:Email:Enabled"] = "true",
            ["CrmBridge:Cemetery:Channels:Email:Host"] = "127.0.0.1",
            ["CrmBridge:Cemetery:Channels:Email:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CrmBridge:Cemetery:Channels:Email:Security"] = "None",
            ["CrmBridge:Cemetery:Channels:Email:Username"] = "crmbridge",
            ["CrmBridge:Cemetery:Channels:Email:Password"] = "env:" + _variable,
            ["CrmBridge:Cemetery:Channels:Email:From"] = "CrmBridge <crm@example.com>",
        });
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        Environment.SetEnvironmentVariable(_variable, null);
    }

    [Fact]
    public async Task Deliver_OwnerDigest_SendsHtmlAndPlainTextToTheOwnerWithAuthentication()
    {
        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("email"), SampleDigest.Owner());

        Assert.Equal(1, report.Sent);
        Assert.Equal(("crmbridge", true), Assert.Single(_smtp.Logins));
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("2 stale deals need attention (main)", mail.Subject);
        Assert.Equal("crm@example.com", mail.From.Mailboxes.Single().Address);
        Assert.Equal("ivan@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Ivan Petrov", mail.To.Mailboxes.Single().Name);
        Assert.Contains("<a href=\"https://crm.example/deals/001\">Deal 001 &amp; Co</a>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("- Deal 001 & Co — Demo run · idle 32 days (threshold 30) · new", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://crm.example/deals/002", mail.TextBody, StringComparison.Ordinal);
        var key = Assert.Single(await _host.OutboxAsync()).IdempotencyKey;
        Assert.StartsWith(key.Replace(':', '.'), mail.MessageId, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_RecipientWithoutEmail_SendsNothingByEmail()
    {
        Assert.Empty(_host.Channel("email").Render(SampleDigest.Owner(email: null)));
    }

    [Fact]
    public async Task Deliver_WrongPassword_FailsWithoutShowingItAndKeepsTheMessage()
    {
        Environment.SetEnvironmentVariable(_variable, "wrong-password");

        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("email"), SampleDigest.Manager());

        var failure = Assert.Single(report.Failures);
        Assert.Equal("email: the SMTP server refused the credentials of crmbridge", failure.Error);
        Assert.Empty(_smtp.Messages);
        Assert.Equal(CemeteryOutboxStatus.Pending, Assert.Single(await _host.OutboxAsync()).Status);

        Environment.SetEnvironmentVariable(_variable, Password);
        _host.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, (await _host.DeliverAsync(_host.Channel("email"))).Sent);
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("anna@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Contains("<td>Olga &lt;Smirnova&gt;</td>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ServerUnreachable_RecordsTheFailureForALaterAttempt()
    {
        await _smtp.DisposeAsync();

        var report = await _host.EnqueueAndDeliverAsync(_host.Channel("email"), SampleDigest.Owner());

        Assert.StartsWith("email: cannot reach the SMTP server 127.0.0.1:", Assert.Single(report.Failures).Error, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(await _host.OutboxAsync()).Attempts);
    }
}
