namespace CrmBridge.Worker.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_WithNoServerInstalled_SyncsTheSandboxAndPrintsTheSummary()
    {
        using var dir = new TempDirectory();
        var config = new Dictionary<string, string?> { ["CrmBridge:Storage:SqlitePath"] = dir.File("demo.db") };

        var run = await CliRun.InvokeAsync(config, "demo", "--deals", "120");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Sync summary", run.Console);
        Assert.Contains("incremental", run.Console);
        Assert.Contains("sandbox-hubspot: deals per stage of Sales", run.Console);
        Assert.Contains("sandbox-hubspot: deals per owner", run.Console);
        Assert.True(File.Exists(dir.File("demo.db")));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
