using CrmBridge.Core.Cemetery;

namespace CrmBridge.Core.Tests.Cemetery;

public sealed class CemeteryOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new CemeteryOptionsValidator().Validate(null, new CemeteryOptions()).Succeeded);
    }

    [Fact]
    public void Validate_BadValues_NameTheKeysAndValues()
    {
        var options = new CemeteryOptions { TimeZone = "Mars/Olympus", GraveyardDays = 0, DefaultManager = "ghost" };
        options.Sales.StageThresholdDays["Demo run"] = -3;
        options.Owners["u1"] = new CemeteryPersonOptions { Manager = "nobody" };
        options.Channels.Email.Enabled = true;
        options.Channels.Email.Security = "Maybe";

        var failures = new CemeteryOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("CrmBridge:Cemetery:TimeZone 'Mars/Olympus' is not a known time zone id (e.g. UTC, Europe/Moscow).", failures);
        Assert.Contains("CrmBridge:Cemetery:Sales:StageThresholdDays:Demo run must be a positive number of days (got -3).", failures);
        Assert.Contains("CrmBridge:Cemetery:GraveyardDays must be a positive number of days (got 0).", failures);
        Assert.Contains("CrmBridge:Cemetery:Owners:u1:Manager 'nobody' is not a key under CrmBridge:Cemetery:Managers.", failures);
        Assert.Contains("CrmBridge:Cemetery:DefaultManager 'ghost' is not a key under CrmBridge:Cemetery:Managers.", failures);
        Assert.Contains("CrmBridge:Cemetery:Channels:Email:Host is required when the email channel is enabled.", failures);
        Assert.Contains(failures, f => f.StartsWith("CrmBridge:Cemetery:Channels:Email:Security 'Maybe'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SecretThatIsNotAUrl_SaysSoWithoutPrintingIt()
    {
        var variable = "CRMBRIDGE_TEST_SLACK_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(variable, "not-a-url-s3cr3t");
        var options = new CemeteryOptions();
        options.Channels.Slack.Enabled = true;
        options.Channels.Slack.WebhookUrl = "env:" + variable;
        options.Channels.Telegram.Enabled = true;
        options.Channels.Telegram.BotToken = "env:CRMBRIDGE_TEST_MISSING_TOKEN";

        var failures = new CemeteryOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("CrmBridge:Cemetery:Channels:Slack:WebhookUrl does not resolve to an absolute http(s) URL.", failures);
        Assert.Contains("CrmBridge:Cemetery:Channels:Telegram:BotToken refers to environment variable CRMBRIDGE_TEST_MISSING_TOKEN, which is not set.", failures);
        Assert.DoesNotContain(failures, f => f.Contains("s3cr3t", StringComparison.Ordinal));
    }
}
