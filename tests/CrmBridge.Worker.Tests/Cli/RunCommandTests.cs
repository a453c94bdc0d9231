using System.Net;
using System.Net.Sockets;
using CrmBridge.Storage.Sqlite;

namespace CrmBridge.Worker.Tests.Cli;

[Collection(HangfireCollection.Name)]
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_WithEverySecondSchedule_RunsTheSyncJobAndServesTheDashboard()
    {
        await using var fixture = new SandboxFixture(deals: 30);
        var port = FreePort();
        var config = new Dictionary<string, string?>(fixture.Config)
        {
            ["CrmBridge:Jobs:Sync:Cron"] = "*/1 * * * * *",
            ["CrmBridge:Dashboard:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = CliRun.InvokeAsync(config, stop.Token, "run");

        var store = new SqliteCrmStore(fixture.StorePath);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var synced = false;
        while (!stop.IsCancellationRequested && !synced)
        {
            await Task.Delay(250);
            synced = File.Exists(fixture.StorePath) && await TryCountAsync(store) == 30;
        }

        if (!synced)
        {
            await stop.CancelAsync();
            Assert.Fail("the recurring sync job never filled the store: " + await running);
        }

        var dashboard = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var health = await http.GetStringAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal("Healthy", health);

        await stop.CancelAsync();
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private static async Task<long> TryCountAsync(SqliteCrmStore store)
    {
        try
        {
            return await store.CountDealsAsync(new("sandbox-hubspot"), CancellationToken.None);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return -1;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
