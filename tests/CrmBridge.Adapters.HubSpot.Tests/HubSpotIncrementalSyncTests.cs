using CrmBridge.Adapters.HubSpot.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.HubSpot.Tests;

public sealed class HubSpotIncrementalSyncTests : IDisposable
{
    private static readonly DateTimeOffset Since = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly HubSpotHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetDealsPageAsync_MoreChangesThanTheSearchCap_SlicesByTimeAndReturnsEachDealOnce()
    {
        _h.Fake.Pipelines();
        var start = Since.ToUnixTimeMilliseconds();
        // Three deals share every timestamp, so the 10,000th result sits inside a group that straddles the cap.
        var changed = Enumerable.Range(0, 10_450).Select(i => (Id: (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Modified: start + (i / 3 * 1000L)));
        var older = Enumerable.Range(0, 50).Select(i => (Id: (500_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Modified: start - 60_000 - i));
        var search = new SearchFake(_h.Fake, changed.Concat(older));

        var deals = await ReadAllAsync(_h.CreateAdapter(), Since);

        Assert.Equal(0, search.CapViolations);
        Assert.Equal(10_450, deals.Count);
        Assert.Equal(10_450, deals.Select(d => d.ExternalId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(deals, d => Assert.True(d.UpdatedAt >= Since));
        Assert.Equal(start, search.WindowStarts[0]);
        var slices = search.WindowStarts.Distinct().ToList();
        Assert.Equal([start, start + (9_999 / 3 * 1000L)], slices);
        Assert.Equal("200005", deals.Single(d => d.ExternalId == "100005").CompanyId);
        Assert.Equal(_h.Fake.Requests("/crm/v3/objects/deals/search").Count, _h.Fake.Requests("/crm/v4/associations/deals/companies/batch/read").Count);
        Assert.Equal(_h.Fake.Requests("/crm/v3/objects/deals/search").Count, _h.Fake.Requests("/crm/v4/associations/deals/contacts/batch/read").Count);
    }

    [Fact]
    public async Task GetDealsPageAsync_MoreThanTheCapShareOneTimestamp_FinishesFromTheFullList()
    {
        _h.Fake.Pipelines();
        _h.Fake.Get("/crm/v3/objects/deals", "deals-page2.json");
        var start = Since.ToUnixTimeMilliseconds();
        var search = new SearchFake(_h.Fake, Enumerable.Range(0, 10_100).Select(i => ((200_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), start)));

        var deals = await ReadAllAsync(_h.CreateAdapter(), Since, allowSkipped: true);

        Assert.Equal(0, search.CapViolations);
        Assert.Single(_h.Fake.Requests("/crm/v3/objects/deals", "GET"));
        Assert.Equal(10_000 + 1, deals.Count);
    }

    [Fact]
    public async Task GetDealsPageAsync_Incremental_SendsTheDocumentedSearchBody()
    {
        _h.Fake.Pipelines();
        var search = new SearchFake(_h.Fake, [("100001", Since.ToUnixTimeMilliseconds() + 5)]);

        var page = await _h.CreateAdapter().GetDealsPageAsync(new DealPageRequest(Since, null), CancellationToken.None);

        Assert.Single(page.Deals);
        Assert.Null(page.NextPageToken);
        var body = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/deals/search").Single());
        Assert.Equal(Since.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("filterGroups")[0].GetProperty("filters")[0].GetProperty("value").GetString());
        Assert.Equal(200, body.GetProperty("limit").GetInt32());
        Assert.False(body.TryGetProperty("after", out _));
        Assert.Contains("lead_source", body.GetProperty("properties").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal([Since.ToUnixTimeMilliseconds()], search.WindowStarts);
    }

    private static async Task<List<Deal>> ReadAllAsync(ICrmAdapter adapter, DateTimeOffset since, bool allowSkipped = false)
    {
        var deals = new List<Deal>();
        string? token = null;
        do
        {
            var page = await adapter.GetDealsPageAsync(new DealPageRequest(since, token), CancellationToken.None);
            Assert.True(allowSkipped || page.Skipped.Count == 0);
            deals.AddRange(page.Deals);
            token = page.NextPageToken;
        }
        while (token is not null);
        return deals;
    }
}
