using CrmBridge.Adapters.HubSpot.Tests.TestSupport;
using CrmBridge.Core.Connections;

namespace CrmBridge.Adapters.HubSpot.Tests;

/// <summary>
/// The client-side limiters queue rather than reject. Windows here are a minute long, so "the third request has not
/// been sent" holds for the whole test without depending on how fast the machine is.
/// </summary>
public sealed class HubSpotRateLimiterTests : IDisposable
{
    private readonly HubSpotHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ConnectionLimiter_SharedByEveryAdapterOfTheConnection_QueuesRequestsBeyondTheLimit()
    {
        _h.Fake.Pipelines();
        _h.Connection.RateLimit = new RateLimitOptions { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) };
        using var cancel = new CancellationTokenSource();

        var first = _h.CreateAdapter().GetPipelinesAsync(cancel.Token);
        var second = _h.CreateAdapter().GetPipelinesAsync(cancel.Token);
        await Task.WhenAll(first, second);
        var third = _h.CreateAdapter().GetPipelinesAsync(cancel.Token);
        await Task.Delay(200);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, _h.Fake.Server.LogEntries.Count());
        Assert.Equal(2, _h.Meter.Read(HubSpotHarness.ConnectionName).Requests);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        Assert.Equal(2, _h.Fake.Server.LogEntries.Count());
    }

    [Fact]
    public async Task SearchLimiter_QueuesSearchesOnly_OtherEndpointsKeepFlowing()
    {
        using var h = new HubSpotHarness(o =>
        {
            o.SearchRateLimitPermits = 1;
            o.SearchRateLimitWindow = TimeSpan.FromMinutes(1);
        });
        h.Fake.Pipelines();
        h.Fake.Post("/crm/v3/objects/deals/search", "search-empty.json");
        using var cancel = new CancellationTokenSource();
        var adapter = h.CreateAdapter();

        Assert.Null(await adapter.FindDealByMarkerAsync("m-1", cancel.Token));
        var queuedSearch = adapter.FindDealByMarkerAsync("m-2", cancel.Token);
        await adapter.GetPipelinesAsync(cancel.Token);
        await adapter.GetPipelinesAsync(cancel.Token);

        Assert.False(queuedSearch.IsCompleted);
        Assert.Single(h.Fake.Requests("/crm/v3/objects/deals/search"));
        Assert.Equal(2, h.Fake.Requests("/crm/v3/pipelines/deals").Count);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queuedSearch);
    }

    [Fact]
    public async Task ConnectionLimiter_Disabled_SendsWithoutWaiting()
    {
        _h.Fake.Pipelines();
        _h.Connection.RateLimit = new RateLimitOptions { Enabled = false };

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None)));

        Assert.Equal(20, _h.Fake.Server.LogEntries.Count());
    }
}
