namespace CrmBridge.Worker.Tests.Cli;

public sealed class CemeteryDemoTests
{
    [Fact]
    public async Task Demo_AfterSync_PrintsTheCemeteryFiguresAndTheDigestsItWouldSend()
    {
        using var dir = new TempDirectory();
        var config = new Dictionary<string, string?> { ["CrmBridge:Storage:SqlitePath"] = dir.File("demo.db") };

        var run = await CliRun.InvokeAsync(config, "demo", "--deals", "120");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Deal cemetery", run.Console);
        Assert.Contains("deal cemetery per pipeline", run.Console);
        Assert.Contains("owner digests and", run.Console);
        Assert.Contains("Owner digest to", run.Console);
        Assert.Contains("Manager digest to", run.Console);
        Assert.Contains("idle", run.Console);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
