using System.Text.Json;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Worker.Hosting;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class CemeteryCommandTests
{
    [Fact]
    public async Task Cemetery_OnEverySandboxCrm_FindsExactlyTheSeededStaleDeals()
    {
        await using var fixture = new SandboxFixture();
        var config = new Dictionary<string, string?>(fixture.Config);
        foreach (var crm in fixture.Sandbox.Crms)
        {
            foreach (var (key, value) in ConnectionConfiguration.ToConfiguration(crm.CreateConnectionOptions($"cemetery-{crm.Kind}".ToLowerInvariant())))
            {
                config[key] = value;
            }
        }

        var sync = await CliRun.InvokeAsync(config, "sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());

        foreach (var crm in fixture.Sandbox.Crms)
        {
            var name = $"cemetery-{crm.Kind}".ToLowerInvariant();
            var run = await CliRun.InvokeAsync(config, "cemetery", "--connection", name, "--format", "json");

            Assert.True(run.ExitCode == 1, run.ToString());
            var found = JsonDocument.Parse(run.Output).RootElement.GetProperty("connections")[0].GetProperty("staleDeals").EnumerateArray()
                .Select(d => (Id: d.GetProperty("id").GetString()!, Reasons: string.Join('+', d.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()))))
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
            var seeded = fixture.Sandbox.Dataset.Dirt
                .Where(d => d.Kind is DirtKind.StaleNoActivity or DirtKind.NoNextActivity)
                .GroupBy(d => d.DealKey)
                .Select(g => (Id: crm.GetDealId(g.Key), Reasons: string.Join('+', g.OrderBy(d => d.Kind).Select(d => d.Kind == DirtKind.StaleNoActivity ? "no activity" : "no next activity"))))
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(seeded);
            Assert.Equal(seeded, found);
        }
    }

    [Fact]
    public async Task Cemetery_TableAndCsv_ShowPipelineFiguresAndEveryStaleDeal()
    {
        await using var fixture = new SandboxFixture(deals: 120);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var expected = fixture.Sandbox.Dataset.Dirt.Where(d => d.Kind is DirtKind.StaleNoActivity or DirtKind.NoNextActivity).Select(d => d.DealKey).Distinct().Count();

        var table = await CliRun.InvokeAsync(fixture.Config, "cemetery");
        var csv = await CliRun.InvokeAsync(fixture.Config, "cemetery", "--format", "csv");

        Assert.True(table.ExitCode == 1, table.ToString());
        Assert.Contains("deal cemetery per pipeline", table.Console);
        Assert.Contains("Cemetery share", table.Console);
        Assert.Contains($"{expected} stale of", table.Console);
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("connection,deal_id,name,pipeline,stage,owner_id,owner,idle_days", lines[0]);
        Assert.Equal(expected, lines.Length - 1);
    }

    [Fact]
    public async Task Cemetery_NotifyTwiceWithWebhook_SendsEachDigestOnceAndRespectsTheCoolDown()
    {
        await using var fixture = new SandboxFixture(deals: 80);
        using var hooks = WireMockServer.Start();
        hooks.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var variable = "CRMBRIDGE_TEST_HOOK_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, hooks.Url + "/hook");
        var config = new Dictionary<string, string?>(fixture.Config)
        {
            ["CrmBridge:Cemetery:Channels:Webhook:Enabled"] = "true",
            ["CrmBridge:Cemetery:Channels:Webhook:Url"] = "env:" + variable,
        };
        Assert.Equal(0, (await CliRun.InvokeAsync(config, "sync")).ExitCode);

        var first = await CliRun.InvokeAsync(config, "cemetery", "--notify", "--format", "json");
        var sentFirst = hooks.LogEntries.Count();
        var second = await CliRun.InvokeAsync(config, "cemetery", "--notify", "--format", "json");

        Assert.True(first.ExitCode == 1, first.ToString());
        var notify = JsonDocument.Parse(first.Output).RootElement.GetProperty("connections")[0].GetProperty("notify");
        var owners = fixture.Sandbox.Dataset.Dirt.Where(d => d.Kind is DirtKind.StaleNoActivity or DirtKind.NoNextActivity)
            .Select(d => fixture.Sandbox.Dataset.GetDeal(d.DealKey).OwnerKey).Distinct().Count();
        Assert.Equal(owners, notify.GetProperty("sent").GetInt32());
        Assert.Equal(owners, sentFirst);
        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Equal(0, JsonDocument.Parse(second.Output).RootElement.GetProperty("connections")[0].GetProperty("notify").GetProperty("enqueued").GetInt32());
        Assert.Equal(sentFirst, hooks.LogEntries.Count());
        var body = JsonDocument.Parse(hooks.LogEntries.First().RequestMessage!.Body!).RootElement;
        Assert.Equal("crmbridge.cemetery.digest", body.GetProperty("type").GetString());
        Assert.DoesNotContain(hooks.Url!, first.Output + first.Console + first.Error);
    }

    [Fact]
    public async Task Cemetery_WithBadThreshold_FailsNamingTheKey()
    {
        await using var fixture = new SandboxFixture(deals: 5);
        var config = new Dictionary<string, string?>(fixture.Config) { ["CrmBridge:Cemetery:Sales:StageThresholdDays:demorun"] = "0" };

        var run = await CliRun.InvokeAsync(config, "cemetery");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Cemetery:Sales:StageThresholdDays:demorun must be a positive number of days (got 0)", run.Error);
    }

    [Fact]
    public async Task Cemetery_WithUnknownConnection_ListsTheConfiguredOnes()
    {
        await using var fixture = new SandboxFixture(deals: 5);

        var run = await CliRun.InvokeAsync(fixture.Config, "cemetery", "--connection", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--connection nope", run.Error);
        Assert.Contains(SandboxFixture.Connection, run.Error);
    }
}
