using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CrmBridge.Sandbox.Tests;

public sealed class SandboxHostTests
{
    [Fact]
    public async Task RunAsync_UntilCancelled_ServesAndHandsOutAWorkingConnectionSnippet()
    {
        using var cts = new CancellationTokenSource();
        SandboxHost? started = null;
        string? snippet = null;
        var run = SandboxHost.RunAsync(new SandboxOptions { DealCount = 20 }, host =>
        {
            started = host;
            snippet = host.ConnectionsJson;
        }, cts.Token);

        Assert.NotNull(started);
        var connection = JsonDocument.Parse(snippet!).RootElement.GetProperty("CrmBridge").GetProperty("Connections").GetProperty(SandboxHost.HubSpotConnectionName);
        Assert.Equal("HubSpot", connection.GetProperty("Kind").GetString());
        Assert.Equal("lead_source", connection.GetProperty("FieldMap").GetProperty("deal.source").GetString());
        Assert.Equal("clientsuccess", connection.GetProperty("Pipelines").GetProperty("ClientSuccess").GetString());
        var baseUrl = new Uri(connection.GetProperty("BaseUrl").GetString()!);
        Assert.Equal(started!.Connections[0].BaseUrl, baseUrl);

        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.GetProperty("Token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/crm/v3/objects/deals")).StatusCode);

        await cts.CancelAsync();
        // Stopping is checked by the run ending; probing the freed port would race other tests' sandboxes taking it.
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(run.IsCompletedSuccessfully);
    }
}
