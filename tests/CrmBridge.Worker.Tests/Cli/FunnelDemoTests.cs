namespace CrmBridge.Worker.Tests.Cli;

public sealed class FunnelDemoTests
{
    [Fact]
    public async Task Demo_PrintsTheFunnelTableOfEverySandboxCrm()
    {
        using var dir = new TempDirectory();
        var config = new Dictionary<string, string?> { ["CrmBridge:Storage:SqlitePath"] = dir.File("demo.db") };

        var run = await CliRun.InvokeAsync(config, "demo", "--deals", "80");

        Assert.True(run.ExitCode == 0, run.ToString());
        await using var sandbox = Sandbox.CrmSandbox.Start(new Sandbox.SandboxOptions { DealCount = 0 });
        foreach (var crm in sandbox.Crms)
        {
            Assert.Contains($"{FunnelSandboxTests.Name(crm)}: funnel of Sales (all deals)", run.Console);
        }

        Assert.Contains("80 deals:", run.Console);
        Assert.Contains("Conv. to next", run.Console);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
