using System.Text.Json;
using CrmBridge.Adapters.HubSpot;
using CrmBridge.Core;
using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Writes;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class CemeteryCrmTaskTests
{
    [Fact]
    public async Task CemeteryNotify_WithCrmTasks_CreatesOneAuditedTaskPerStaleDealAndNeverASecond()
    {
        await using var fixture = new SandboxFixture(deals: 60);
        var config = new Dictionary<string, string?>(fixture.Config) { ["CrmBridge:Cemetery:Channels:CrmTask:Enabled"] = "true" };
        Assert.Equal(0, (await CliRun.InvokeAsync(config, "sync")).ExitCode);
        var hubSpot = fixture.Sandbox.HubSpot;
        hubSpot.ResetRequestLog();
        var stale = fixture.Sandbox.Dataset.Dirt.Where(d => d.Kind is DirtKind.StaleNoActivity or DirtKind.NoNextActivity).Select(d => d.DealKey).Distinct().ToList();

        var run = await CliRun.InvokeAsync(config, "cemetery", "--notify", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(stale.Count, JsonDocument.Parse(run.Output).RootElement.GetProperty("connections")[0].GetProperty("notify").GetProperty("sent").GetInt32());
        Assert.Equal(stale.Count, TaskRequests());
        var store = new SqliteCrmStore(fixture.StorePath);
        var audit = await store.GetAuditEntriesAsync(new AuditQuery(SandboxFixture.Connection, Limit: 1000), CancellationToken.None);
        Assert.Equal(stale.Count, audit.Count(a => a.Operation == AuditOperation.CreateTask && a.Outcome == AuditOutcome.Succeeded && a.Actor == CrmTaskCemeteryChannel.Actor));

        // Delivering a task message again (as a retry after a lost answer would) finds the audited write and sends nothing.
        var sent = await ((ICemeteryStore)store).GetMessagesAsync(new CemeteryOutboxQuery(SandboxFixture.Connection, CemeteryOutboxStatus.Sent, CrmTaskCemeteryChannel.ChannelName), CancellationToken.None);
        await using var services = CrmTaskServices(fixture, store);
        var channel = services.GetServices<ICemeteryChannel>().Single(c => c.Name == CrmTaskCemeteryChannel.ChannelName);
        await channel.DeliverAsync(sent[0], 0, CancellationToken.None);
        Assert.Equal(stale.Count, TaskRequests());

        var again = await CliRun.InvokeAsync(config, "cemetery", "--notify", "--format", "json");
        Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("connections")[0].GetProperty("notify").GetProperty("enqueued").GetInt32());
        Assert.Equal(stale.Count, TaskRequests());

        int TaskRequests() => hubSpot.Requests.Count(r => r.Method == "POST" && r.Path == "/crm/v3/objects/tasks");
    }

    private static ServiceProvider CrmTaskServices(SandboxFixture fixture, SqliteCrmStore store)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddCrmBridgeCore();
        services.AddHubSpotAdapter();
        services.AddCemetery();
        var connection = fixture.Sandbox.HubSpot.CreateConnectionOptions(SandboxFixture.Connection);
        services.Configure<CrmBridgeOptions>(o => o.Connections[connection.Name] = connection);
        services.Configure<CemeteryOptions>(o => o.Channels.CrmTask.Enabled = true);
        services.AddSingleton<ICrmStore>(store);
        var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<IOptions<CrmBridgeOptions>>().Value);
        return provider;
    }
}
