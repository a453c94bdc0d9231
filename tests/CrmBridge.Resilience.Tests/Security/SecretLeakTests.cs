using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CrmBridge.Core.Writes;
using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using CrmBridge.Storage.Sqlite;
using Xunit.Abstractions;

namespace CrmBridge.Resilience.Tests.Security;

/// <summary>
/// Every command of the real executable, run with recognisable secrets everywhere a secret goes (CRM tokens, the
/// Bitrix24 webhook path, Slack/Telegram/webhook URLs, the SMTP and dashboard passwords) and logging at Trace, must
/// never print, log, report, audit or serve one of them, whether the run succeeds or fails.
/// </summary>
[Trait("Category", "Security")]
public sealed class SecretLeakTests(ITestOutputHelper output)
{
    private const string SlackSecret = "SLACKSECRET7d41c9e2b8";
    private const string WebhookSecret = "WEBHOOKSECRET5f2a8c1d9e";
    private const string WebhookQuerySecret = "WEBHOOKQUERYSECRET3b7e";
    private const string TelegramSecret = "TELEGRAMSECRET9a4c2f6e1b";
    private const string SmtpSecret = "SMTPSECRET2e8b5d1a7c";
    private const string DashboardSecret = "DASHBOARDSECRET6c1f9a3e";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task EveryCommand_WithSecretsConfigured_NeverShowsThem()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions
        {
            DealCount = 150,
            HubSpotToken = "pat-eu1-HUBSPOTSECRET0f3a9c2e7b1d4a6f",
            PipedriveToken = "5ec2e7aa5ec2e7bb5ec2e7cc5ec2e7dd5ec2e7ee",
            AmoCrmToken = "AMOCRMSECRET4a6f8e2c0f3a9c2e",
        });
        using var directory = new TempDirectory();
        var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("store.db"));
        AddChannelSecrets(configuration);
        configuration["Logging:LogLevel:Default"] = "Trace";
        var secrets = Secrets(sandbox);
        var report = directory.File("funnel.html");
        string[][] commands =
        [
            ["sync", "--full"], ["sync", "--format", "json"], ["deals"], ["deals", "--format", "json"], ["deals", "--format", "csv"],
            ["hygiene"], ["hygiene", "--fix", "--tasks"], ["undo", "--dry-run", "--since", "2000-01-01T00:00:00Z"],
            ["cemetery"], ["cemetery", "--notify"], ["cs", "carry-over"], ["cs", "advance"], ["funnel"], ["report", "--html", report],
        ];

        foreach (var command in commands)
        {
            using var worker = await WorkerProcess.RunAsync(directory.Path, configuration, Timeout, command);
            output.WriteLine($"crmbridge {string.Join(' ', command)}: exit {worker.ExitCode}, {worker.Output.Length} characters");
            if (command[0] is "sync" or "deals")
            {
                Assert.True(worker.ExitCode == 0, worker.ToString());
            }

            AssertClean(secrets, $"crmbridge {string.Join(' ', command)}", worker.Output);
        }

        AssertClean(secrets, "the HTML report", await File.ReadAllTextAsync(report));
        var store = new SqliteCrmStore(directory.File("store.db"));
        foreach (var audit in await store.GetAuditEntriesAsync(new AuditQuery(Limit: 100_000), CancellationToken.None))
        {
            AssertClean(secrets, $"audit entry {audit.Id}", $"{audit.Before} {audit.After} {audit.Error} {audit.IdempotencyKey}");
        }

        await AssertDashboardCleanAsync(directory, configuration, secrets);

        var wrong = new Dictionary<string, string?>(configuration);
        var wrongSecrets = new List<string>(secrets);
        foreach (var key in configuration.Keys.Where(k => k.EndsWith(":Token", StringComparison.Ordinal)))
        {
            var secret = "WRONGTOKENSECRET" + key.Length.ToString(CultureInfo.InvariantCulture) + "x9f2c";
            wrong[key] = configuration[key]!.StartsWith("http", StringComparison.Ordinal) ? configuration[key]!.TrimEnd('/') + secret + "/" : secret;
            wrongSecrets.Add(secret);
        }

        using var rejected = await WorkerProcess.RunAsync(directory.Path, wrong, Timeout, "sync");
        Assert.Equal(2, rejected.ExitCode);
        AssertClean(wrongSecrets, "crmbridge sync with rejected tokens", rejected.Output);
    }

    private async Task AssertDashboardCleanAsync(TempDirectory directory, Dictionary<string, string?> configuration, IReadOnlyList<string> secrets)
    {
        var port = DeadPort.Free();
        var withDashboard = new Dictionary<string, string?>(configuration)
        {
            ["CrmBridge:Dashboard:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["CrmBridge:Dashboard:Username"] = "ops",
            ["CrmBridge:Dashboard:Password"] = "env:CRMBRIDGE_TEST_DASHBOARD_PASSWORD",
            ["CRMBRIDGE_TEST_DASHBOARD_PASSWORD"] = DashboardSecret,
            ["CrmBridge:Jobs:Sync:Cron"] = "*/2 * * * * *",
        };
        using var worker = WorkerProcess.Start(directory.Path, withDashboard, "run");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + DashboardSecret)));
        var pages = new StringBuilder();
        for (var attempt = 0; attempt < 60 && pages.Length == 0; attempt++)
        {
            await Task.Delay(500);
            try
            {
                var response = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await Task.Delay(5000);
                    foreach (var page in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/succeeded", "/hangfire/jobs/failed", "/hangfire/servers" })
                    {
                        pages.AppendLine(await http.GetStringAsync(new Uri(page, UriKind.Relative)));
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }

        worker.Kill();
        Assert.True(pages.Length > 0, "the dashboard never answered: " + worker);
        Assert.Contains("sync:", pages.ToString(), StringComparison.Ordinal);
        AssertClean(secrets, "the dashboard", pages.ToString());
        AssertClean(secrets, "crmbridge run", worker.Output);
    }

    private static void AddChannelSecrets(Dictionary<string, string?> configuration)
    {
        const string Channels = "CrmBridge:Cemetery:Channels:";
        configuration[Channels + "Slack:Enabled"] = "true";
        configuration[Channels + "Slack:WebhookUrl"] = DeadPort.Url($"/services/T0000/B0000/{SlackSecret}").ToString();
        configuration[Channels + "Webhook:Enabled"] = "true";
        configuration[Channels + "Webhook:Url"] = DeadPort.Url($"/hooks/{WebhookSecret}?token={WebhookQuerySecret}").ToString();
        configuration[Channels + "Telegram:Enabled"] = "true";
        configuration[Channels + "Telegram:BotToken"] = $"123456:{TelegramSecret}";
        configuration[Channels + "Telegram:ChatId"] = "-1001234567";
        configuration[Channels + "Telegram:ApiBaseUrl"] = DeadPort.Url().ToString();
        configuration[Channels + "Email:Enabled"] = "true";
        configuration[Channels + "Email:Host"] = "127.0.0.1";
        configuration[Channels + "Email:Port"] = DeadPort.Free().ToString(CultureInfo.InvariantCulture);
        configuration[Channels + "Email:Username"] = "mailer";
        configuration[Channels + "Email:Password"] = SmtpSecret;
        configuration[Channels + "Email:From"] = "crm@example.com";
        configuration["CrmBridge:Cemetery:Delivery:HttpRetries"] = "1";
        configuration["CrmBridge:Cemetery:Delivery:HttpRetryDelay"] = "00:00:00.010";
        configuration["CrmBridge:Cemetery:Delivery:HttpTimeout"] = "00:00:02";
        configuration["CrmBridge:Cemetery:DefaultManager"] = "boss";
        configuration["CrmBridge:Cemetery:Managers:boss:Name"] = "Boss";
        configuration["CrmBridge:Cemetery:Managers:boss:Email"] = "boss@example.com";
        configuration["CrmBridge:Cemetery:Managers:boss:TelegramChatId"] = "42";
    }

    /// <summary>Every secret the configuration carries: tokens, and the secret-looking parts of token URLs (the Bitrix24 webhook path).</summary>
    private static List<string> Secrets(CrmSandbox sandbox)
    {
        var secrets = new List<string> { SlackSecret, WebhookSecret, WebhookQuerySecret, TelegramSecret, SmtpSecret, DashboardSecret };
        foreach (var connection in sandbox.Crms.Select(c => c.CreateConnectionOptions()))
        {
            foreach (var value in new[] { connection.Token, connection.BaseUrl?.AbsolutePath })
            {
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }

                if (Uri.TryCreate(value, UriKind.Absolute, out var url) || value.StartsWith('/'))
                {
                    var path = url?.AbsolutePath ?? value;
                    secrets.AddRange(path.Split('/').Where(s => s.Length >= 8 && s.Any(char.IsDigit)));
                }
                else
                {
                    secrets.Add(value);
                }
            }
        }

        return [.. secrets.Distinct(StringComparer.Ordinal)];
    }

    private static void AssertClean(IReadOnlyList<string> secrets, string where, string text)
    {
        foreach (var secret in secrets)
        {
            var at = text.IndexOf(secret, StringComparison.Ordinal);
            Assert.True(at < 0, $"{where} shows a secret ({secret[..4]}...): ...{text[Math.Max(0, at - 120)..Math.Min(text.Length, at + secret.Length + 40)]}...");
        }
    }
}
