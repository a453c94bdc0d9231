using System.Text.RegularExpressions;

namespace CrmBridge.Worker.Tests.Cli;

public sealed partial class ReportCommandTests
{
    [Fact]
    public async Task Report_Html_WritesOneSelfContainedPageWithFunnelLossesHygieneAndCemetery()
    {
        await using var fixture = new SandboxFixture(deals: 150);
        var config = FunnelSandboxTests.ConfigureEveryCrm(fixture);
        Assert.Equal(0, (await CliRun.InvokeAsync(config, "sync")).ExitCode);
        Assert.InRange((await CliRun.InvokeAsync(config, "hygiene")).ExitCode, 0, 1);
        var path = fixture.Directory.File("out/report.html");

        var run = await CliRun.InvokeAsync(config, "report", "--html", path, "--cohort", "month");

        Assert.True(run.ExitCode == 0, run.ToString());
        var html = await File.ReadAllTextAsync(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html, StringComparison.Ordinal);
        foreach (var crm in fixture.Sandbox.Crms)
        {
            Assert.Contains($"<h2>{FunnelSandboxTests.Name(crm)}</h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<svg class=\"funnel\"", html, StringComparison.Ordinal);
        Assert.Contains("Lost reasons", html, StringComparison.Ordinal);
        Assert.Contains("Deal cemetery", html, StringComparison.Ordinal);
        Assert.Contains("Data hygiene", html, StringComparison.Ordinal);
        Assert.Contains("open findings. Last sweep", html, StringComparison.Ordinal);
        Assert.Contains("Cohorts: reached", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ExternalReference().Matches(html));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public async Task Report_WithoutHtmlPath_FailsNamingTheOption()
    {
        await using var fixture = new SandboxFixture(deals: 1);

        var run = await CliRun.InvokeAsync(fixture.Config, "report");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--html", run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex("""(src|href)\s*=\s*["'](?!#|data:)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
