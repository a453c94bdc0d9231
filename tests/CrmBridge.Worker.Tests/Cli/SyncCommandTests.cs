using System.Text.Json;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.HubSpot;
using CrmBridge.Storage.Sqlite;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class SyncCommandTests
{
    [Fact]
    public async Task Sync_AgainstSandbox_StoresEveryDealAndReportsRequests()
    {
        await using var fixture = new SandboxFixture();

        var run = await CliRun.InvokeAsync(fixture.Config, "sync", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = JsonDocument.Parse(run.Output).RootElement.GetProperty("connections")[0];
        Assert.Equal(SandboxFixture.Connection, summary.GetProperty("connection").GetString());
        Assert.True(summary.GetProperty("full").GetBoolean());
        Assert.Equal(fixture.Sandbox.HubSpot.DealCount, summary.GetProperty("dealsFetched").GetInt32());
        Assert.Equal(fixture.Sandbox.HubSpot.DealCount, summary.GetProperty("new").GetInt32());
        Assert.Equal(fixture.Sandbox.HubSpot.Requests.Count, summary.GetProperty("requests").GetInt64());

        var store = new SqliteCrmStore(fixture.StorePath);
        var stored = await store.CountDealsAsync(new(SandboxFixture.Connection), CancellationToken.None);
        Assert.Equal(fixture.Sandbox.HubSpot.DealCount, stored);
    }

    [Fact]
    public async Task Sync_AfterThreeDealsChange_FetchesOnlyThoseAndRecordsTheirStageChanges()
    {
        await using var fixture = new SandboxFixture();
        var first = await CliRun.InvokeAsync(fixture.Config, "sync", "--format", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var hubSpot = fixture.Sandbox.HubSpot;
        var moved = OpenDealsWithANextStage(fixture).Take(3).ToList();
        hubSpot.ResetRequestLog();

        foreach (var (dealId, nextStage) in moved)
        {
            hubSpot.MoveDealToStage(dealId, nextStage);
        }

        var second = await CliRun.InvokeAsync(fixture.Config, "sync", "--format", "json");

        Assert.True(second.ExitCode == 0, second.ToString());
        var summary = JsonDocument.Parse(second.Output).RootElement.GetProperty("connections")[0];
        Assert.False(summary.GetProperty("full").GetBoolean());
        Assert.Equal(3, summary.GetProperty("dealsFetched").GetInt32());
        Assert.Equal(3, summary.GetProperty("changed").GetInt32());
        Assert.Equal(0, summary.GetProperty("new").GetInt32());

        // The sandbox saw no full listing, one search, and the search answered with exactly the three moved deals.
        var requests = hubSpot.Requests;
        Assert.DoesNotContain(requests, r => r.Method == "GET" && r.Path == "/crm/v3/objects/deals" && !r.Query.Contains("archived=true", StringComparison.Ordinal));
        var search = Assert.Single(requests, r => r.Path == "/crm/v3/objects/deals/search");
        Assert.Equal(200, search.StatusCode);

        var store = new SqliteCrmStore(fixture.StorePath);
        foreach (var (dealId, nextStage) in moved)
        {
            var transitions = await store.GetStageTransitionsAsync(SandboxFixture.Connection, dealId, CancellationToken.None);
            Assert.Equal(2, transitions.Count);
            Assert.Null(transitions[0].FromStageId);
            Assert.Equal(transitions[0].ToStageId, transitions[1].FromStageId);
            Assert.Equal(nextStage, transitions[1].ToStageId);
            var deal = await store.GetDealAsync(SandboxFixture.Connection, dealId, CancellationToken.None);
            Assert.Equal(nextStage, deal!.StageId);
        }
    }

    [Fact]
    public async Task Sync_AfterDealArchived_RemovesItFromTheMirror()
    {
        await using var fixture = new SandboxFixture(deals: 50);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var archived = fixture.Sandbox.HubSpot.Deals[0].Id;
        fixture.Sandbox.HubSpot.ArchiveDeal(archived);

        var run = await CliRun.InvokeAsync(fixture.Config, "sync", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, JsonDocument.Parse(run.Output).RootElement.GetProperty("connections")[0].GetProperty("removed").GetInt32());
        var store = new SqliteCrmStore(fixture.StorePath);
        Assert.Null(await store.GetDealAsync(SandboxFixture.Connection, archived, CancellationToken.None));
        Assert.Equal(49, await store.CountDealsAsync(new(SandboxFixture.Connection), CancellationToken.None));
    }

    [Fact]
    public async Task Sync_WithExpiredToken_FailsClearlyAfterOneRequest()
    {
        await using var fixture = new SandboxFixture(deals: 20);
        fixture.Sandbox.HubSpot.ExpireToken();

        var run = await CliRun.InvokeAsync(fixture.Config, "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(SandboxFixture.Connection, run.Error);
        Assert.Contains("authentication failed", run.Error);
        Assert.Single(fixture.Sandbox.HubSpot.Requests);
        Assert.DoesNotContain(fixture.Sandbox.HubSpot.Token, run.Error + run.Console + run.Output);
    }

    [Fact]
    public async Task Sync_WithUnknownConnectionName_ListsTheConfiguredOnes()
    {
        await using var fixture = new SandboxFixture(deals: 5);

        var run = await CliRun.InvokeAsync(fixture.Config, "sync", "--connection", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--connection nope", run.Error);
        Assert.Contains(SandboxFixture.Connection, run.Error);
    }

    private static IEnumerable<(string DealId, string NextStage)> OpenDealsWithANextStage(SandboxFixture fixture)
    {
        var stages = fixture.Sandbox.Dataset.SalesPipeline.Stages;
        foreach (var deal in fixture.Sandbox.Dataset.Deals.Where(d => d.Status == DealStatus.Open))
        {
            var index = stages.ToList().FindIndex(s => s.Key == deal.StageKey);
            if (index >= 0 && index + 1 < stages.Count && stages[index + 1].Outcome == StageOutcome.Open)
            {
                yield return (fixture.Sandbox.HubSpot.GetDealId(deal.Key), HubSpotSandbox.StageId(stages[index + 1].Key));
            }
        }
    }
}
