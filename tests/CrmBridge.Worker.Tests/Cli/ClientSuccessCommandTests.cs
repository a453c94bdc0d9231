using System.Text.Json;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class ClientSuccessCommandTests
{
    [Fact]
    public async Task CsCarryOver_DryRun_ListsEveryWonDealAndWritesNothing()
    {
        await using var fixture = new SandboxFixture(deals: 60);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var before = fixture.Sandbox.HubSpot.DealCount;

        var run = await CliRun.InvokeAsync(fixture.Config, "cs", "carry-over", "--dry-run", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonDocument.Parse(run.Output).RootElement.GetProperty("connections")[0];
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        var items = report.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(WonDeals(fixture), items.Count);
        Assert.All(items, i => Assert.Equal("WouldCreate", i.GetProperty("outcome").GetString()));
        Assert.Equal(before, fixture.Sandbox.HubSpot.DealCount);
    }

    [Fact]
    public async Task CsCarryOverThenAdvance_CopiesOnceAndCreatesThePeriodsTasksOnce()
    {
        await using var fixture = new SandboxFixture(deals: 60);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var before = fixture.Sandbox.HubSpot.DealCount;

        var carry = await CliRun.InvokeAsync(fixture.Config, "cs", "carry-over");
        var carryAgain = await CliRun.InvokeAsync(fixture.Config, "cs", "carry-over", "--connection", SandboxFixture.Connection, "--format", "json");
        var advanceDry = await CliRun.InvokeAsync(fixture.Config, "cs", "advance", "--dry-run");
        var advance = await CliRun.InvokeAsync(fixture.Config, "cs", "advance", "--format", "json");
        var advanceAgain = await CliRun.InvokeAsync(fixture.Config, "cs", "advance", "--format", "json");

        Assert.True(carry.ExitCode == 0, carry.ToString());
        Assert.Contains($"{WonDeals(fixture)} copies created", carry.Console, StringComparison.Ordinal);
        Assert.Equal(before + WonDeals(fixture), fixture.Sandbox.HubSpot.DealCount);
        var again = JsonDocument.Parse(carryAgain.Output).RootElement.GetProperty("connections")[0];
        Assert.Equal(WonDeals(fixture), again.GetProperty("alreadyCarried").GetInt32());
        Assert.Equal(0, again.GetProperty("items").GetArrayLength());
        Assert.True(advanceDry.ExitCode == 0, advanceDry.ToString());
        Assert.Contains("dry run: nothing written", advanceDry.Console, StringComparison.Ordinal);
        Assert.True(advance.ExitCode == 0, advance.ToString());
        var created = Tasks(advance).Count(t => t.GetProperty("outcome").GetString() == "Created");
        Assert.True(created > 0, advance.Output);
        Assert.Equal(created, fixture.Sandbox.HubSpot.Tasks.Count);
        Assert.All(Tasks(advanceAgain), t => Assert.Equal("AlreadyCreated", t.GetProperty("outcome").GetString()));
        Assert.Equal(created, fixture.Sandbox.HubSpot.Tasks.Count);
    }

    [Fact]
    public async Task CsCarryOver_BeforeAnySync_FailsAndSaysToSyncFirst()
    {
        await using var fixture = new SandboxFixture(deals: 10);

        var run = await CliRun.InvokeAsync(fixture.Config, "cs", "carry-over");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("crmbridge sync --connection sandbox-hubspot", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsAdvance_UnknownConnection_FailsNamingTheConfiguredOnes()
    {
        await using var fixture = new SandboxFixture(deals: 10);

        var run = await CliRun.InvokeAsync(fixture.Config, "cs", "advance", "--connection", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--connection nope", run.Error, StringComparison.Ordinal);
        Assert.Contains(SandboxFixture.Connection, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsCarryOver_BadPlanInConfig_FailsAtStartNamingTheKey()
    {
        await using var fixture = new SandboxFixture(deals: 10);
        fixture.Config["CrmBridge:ClientSuccess:Plan:0:Period"] = "13";
        fixture.Config["CrmBridge:ClientSuccess:Plan:0:Key"] = "x";
        fixture.Config["CrmBridge:ClientSuccess:Plan:0:Subject"] = "y";

        var run = await CliRun.InvokeAsync(fixture.Config, "cs", "carry-over", "--dry-run");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:ClientSuccess:Plan:0:Period 13 is outside 1..12", run.Error, StringComparison.Ordinal);
    }

    private static int WonDeals(SandboxFixture fixture) =>
        fixture.Sandbox.Dataset.Deals.Count(d => d.Status == DealStatus.Won && d.PipelineKey == SandboxStageKeys.SalesPipeline);

    private static IEnumerable<JsonElement> Tasks(CliRun run) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("connections")[0].GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("tasks").EnumerateArray()).ToList();
}
