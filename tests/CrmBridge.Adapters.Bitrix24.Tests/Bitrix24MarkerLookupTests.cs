using CrmBridge.Adapters.Bitrix24.Tests.TestSupport;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>Tasks found by the marker in an activity's DESCRIPTION (crm.activity.list by owner), notes by COMMENT (crm.timeline.comment.list).</summary>
public sealed class Bitrix24MarkerLookupTests : IDisposable
{
    private const string Marker = "crmbridge:0f3a9c1d2b4e5f60718293a4b5c6d7e8";
    private readonly Bitrix24Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task FindTaskByMarkerAsync_MarkedActivityOnTheSecondPage_FiltersByTheDealAndFollowsNext()
    {
        _h.Fake.On("crm.activity.list", "deal-activities-page2.json", body: b => b is not null && b.Contains("\"start\":50", StringComparison.Ordinal), priority: 1);
        _h.Fake.On("crm.activity.list", "deal-activities-page1.json", priority: 2);

        var task = await _h.CreateAdapter().FindTaskByMarkerAsync("1901", Marker, CancellationToken.None);

        Assert.Equal(
            new CrmTask("portal", "351", "1901", "7", "Fill in the INN", $"Hygiene\n\n{Marker}", new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero), IsCompleted: false),
            task);
        var requests = _h.Fake.Requests("crm.activity.list");
        Assert.Equal(2, requests.Count);
        var filter = Bitrix24Fake.Body(requests[0]).GetProperty("filter");
        Assert.Equal(2, filter.GetProperty("OWNER_TYPE_ID").GetInt32());
        Assert.Equal("1901", filter.GetProperty("OWNER_ID").ToString());
    }

    [Fact]
    public async Task FindTaskByMarkerAsync_NoActivityCarriesTheMarker_ReturnsNullAfterTheLastPage()
    {
        _h.Fake.On("crm.activity.list", "deal-activities-page2.json", body: b => b is not null && b.Contains("\"start\":50", StringComparison.Ordinal), priority: 1);
        _h.Fake.On("crm.activity.list", "deal-activities-page1.json", priority: 2);

        Assert.Null(await _h.CreateAdapter().FindTaskByMarkerAsync("1901", "crmbridge:ffffffffffffffffffffffffffffffff", CancellationToken.None));
        Assert.Equal(2, _h.Fake.Requests("crm.activity.list").Count);
    }

    [Fact]
    public async Task FindNoteByMarkerAsync_DealComments_FiltersByDealAndReturnsTheMarkedComment()
    {
        _h.Fake.On("crm.timeline.comment.list", "deal-comments.json");

        var note = await _h.CreateAdapter().FindNoteByMarkerAsync("1901", Marker, CancellationToken.None);

        Assert.Equal(new Note("portal", "89", "1901", $"Carried over\n\n{Marker}", new DateTimeOffset(2026, 3, 2, 10, 5, 0, TimeSpan.Zero)), note);
        var filter = Bitrix24Fake.Body(_h.Fake.Requests("crm.timeline.comment.list").Single()).GetProperty("filter");
        Assert.Equal("deal", filter.GetProperty("ENTITY_TYPE").GetString());
        Assert.Equal("1901", filter.GetProperty("ENTITY_ID").ToString());
    }

    [Fact]
    public async Task FindNoteByMarkerAsync_DealWithoutComments_ReturnsNull()
    {
        _h.Fake.On("crm.timeline.comment.list", "deal-comments-empty.json");

        Assert.Null(await _h.CreateAdapter().FindNoteByMarkerAsync("1901", Marker, CancellationToken.None));
    }
}
