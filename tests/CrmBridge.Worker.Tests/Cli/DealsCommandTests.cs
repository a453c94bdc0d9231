using System.Text.Json;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class DealsCommandTests
{
    [Fact]
    public async Task Deals_AsJson_ExportsEveryStoredDealWithNames()
    {
        await using var fixture = new SandboxFixture(deals: 40);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var run = await CliRun.InvokeAsync(fixture.Config, "deals", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var deals = JsonDocument.Parse(run.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(40, deals.Count);
        var dataset = fixture.Sandbox.Dataset;
        foreach (var deal in deals)
        {
            var key = fixture.Sandbox.HubSpot.FindDealKey(deal.GetProperty("id").GetString()!)!;
            var seeded = dataset.GetDeal(key);
            Assert.Equal(seeded.Name, deal.GetProperty("name").GetString());
            Assert.Equal(dataset.SalesPipeline.GetStage(seeded.StageKey).Name, deal.GetProperty("stage").GetString());
            Assert.Equal(dataset.GetOwner(seeded.OwnerKey).FullName, deal.GetProperty("owner").GetString());
        }
    }

    [Fact]
    public async Task Deals_AsCsv_WritesHeaderAndOneQuotedRowPerDeal()
    {
        await using var fixture = new SandboxFixture(deals: 25);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var run = await CliRun.InvokeAsync(fixture.Config, "deals", "--format", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("connection,id,name,pipeline,stage,status,amount", lines[0], StringComparison.Ordinal);
        Assert.Equal(26, lines.Length);
    }

    [Fact]
    public async Task Deals_WithUnsupportedFormat_FailsNamingTheChoices()
    {
        await using var fixture = new SandboxFixture(deals: 1);

        var run = await CliRun.InvokeAsync(fixture.Config, "sync", "--format", "csv");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--format csv is not available here", run.Error);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")]
    [InlineData("-5", "-5")]
    public void Csv_EscapesFieldsForSpreadsheets(string value, string expected) =>
        Assert.Equal(expected, Output.DealExport.Csv(value));
}
