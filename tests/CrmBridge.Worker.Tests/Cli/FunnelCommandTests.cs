namespace CrmBridge.Worker.Tests.Cli;

public sealed class FunnelCommandTests
{
    [Fact]
    public async Task Funnel_AsTable_PrintsStagesOutcomeOwnersAndLosses()
    {
        await using var fixture = new SandboxFixture(deals: 120);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var run = await CliRun.InvokeAsync(fixture.Config, "funnel");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("sandbox-hubspot: funnel of Sales (all deals)", run.Console);
        Assert.Contains("Contacts found", run.Console);
        Assert.Contains("120 deals:", run.Console);
        Assert.Contains("per owner", run.Console);
        Assert.Contains("lost deals per reason", run.Console);
        Assert.DoesNotContain("Client Success", run.Console);
    }

    [Fact]
    public async Task Funnel_AsCsv_WritesOneRowPerFigure()
    {
        await using var fixture = new SandboxFixture(deals: 60);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var run = await CliRun.InvokeAsync(fixture.Config, "funnel", "--format", "csv", "--pipeline", "Sales");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("connection,pipeline,cohort,section,item,deals,skipped,rate,hint,median_days,p90_days,detail", lines[0]);
        Assert.Equal(15, lines.Count(l => l.StartsWith("sandbox-hubspot,Sales,,stage,", StringComparison.Ordinal)));
        Assert.StartsWith("sandbox-hubspot,Sales,,stage,Unsorted,60,", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("sandbox-hubspot,Sales,,outcome,all,60,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Funnel_ClientSuccessPipelineByName_IsReportedWhenAskedFor()
    {
        await using var fixture = new SandboxFixture(deals: 10);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var run = await CliRun.InvokeAsync(fixture.Config, "funnel", "--pipeline", "client success");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("funnel of Client Success", run.Console);
    }

    [Theory]
    [InlineData(new[] { "--pipeline", "Nope" }, "--pipeline Nope: no such pipeline. Known: Sales (sandbox-hubspot), Client Success (sandbox-hubspot).")]
    [InlineData(new[] { "--from", "2026-13-01" }, "--from 2026-13-01: use a date like 2026-03-31.")]
    [InlineData(new[] { "--from", "2026-03-01", "--to", "2026-02-01" }, "--to 2026-02-01 is before --from 2026-03-01.")]
    [InlineData(new[] { "--cohort", "industry" }, "--cohort 'industry' is not a cohort; use month, a deal field such as deal.sprint, or a company field such as company.industry.")]
    [InlineData(new[] { "--connection", "elsewhere" }, "--connection elsewhere: the store holds no pipelines of it; run `crmbridge sync --connection elsewhere` first.")]
    public async Task Funnel_BadSelection_FailsWithAMessage(string[] args, string message)
    {
        await using var fixture = new SandboxFixture(deals: 5);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var run = await CliRun.InvokeAsync(fixture.Config, ["funnel", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Error.Trim());
    }

    [Fact]
    public async Task Funnel_BadThresholdConfiguration_StopsNamingTheKeys()
    {
        await using var fixture = new SandboxFixture(deals: 1);
        fixture.Config["CrmBridge:Funnel:MergeAtPercent"] = "20";
        fixture.Config["CrmBridge:Funnel:ReassignableReasons:0"] = "Bad luck";

        var run = await CliRun.InvokeAsync(fixture.Config, "funnel");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Funnel:SplitBelowPercent (25) must be below CrmBridge:Funnel:MergeAtPercent (20).", run.Error);
        Assert.Contains("CrmBridge:Funnel:ReassignableReasons:0 'Bad luck' is not one of CrmBridge:Funnel:LossReasons.", run.Error);
    }

    [Fact]
    public async Task Funnel_NoConnectionsConfigured_ReadsEveryConnectionInTheStore()
    {
        await using var fixture = new SandboxFixture(deals: 30);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var storeOnly = new Dictionary<string, string?> { ["CrmBridge:Storage:SqlitePath"] = fixture.StorePath };

        var run = await CliRun.InvokeAsync(storeOnly, "funnel", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"connection\": \"sandbox-hubspot\"", run.Output);
    }
}
