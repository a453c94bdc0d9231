using CrmBridge.Adapters.Pipedrive.Tests.TestSupport;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using WireMock.RequestBuilders;

namespace CrmBridge.Adapters.Pipedrive.Tests;

/// <summary>Tasks found by the marker in an activity's note (v2 activities by deal_id), notes by their content (v1 notes by deal_id).</summary>
public sealed class PipedriveMarkerLookupTests : IDisposable
{
    private const string Marker = "crmbridge:0f3a9c1d2b4e5f60718293a4b5c6d7e8";
    private readonly PipedriveHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task FindTaskByMarkerAsync_MarkedActivityOnTheSecondPage_FollowsTheCursorAndReturnsIt()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v2/activities").WithParam("cursor", "eyJpZCI6NzEwMn0").UsingGet())
            .AtPriority(1).RespondWith(PipedriveFake.Json("deal-activities-page2.json"));
        _h.Fake.Get("/api/v2/activities", "deal-activities-page1.json", priority: 2);

        var task = await _h.CreateAdapter().FindTaskByMarkerAsync("101", Marker, CancellationToken.None);

        Assert.Equal(
            new CrmTask("main", "7140", "101", "12001", "Fill in the INN", $"Hygiene<br><br>{Marker}", new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero), IsCompleted: false),
            task);
        var requests = _h.Fake.Requests("/api/v2/activities");
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("101", PipedriveFake.Query(r, "deal_id")));
        Assert.Equal("500", PipedriveFake.Query(requests[0], "limit"));
    }

    [Fact]
    public async Task FindTaskByMarkerAsync_NoActivityCarriesTheMarker_ReturnsNullAfterTheLastPage()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v2/activities").WithParam("cursor", "eyJpZCI6NzEwMn0").UsingGet())
            .AtPriority(1).RespondWith(PipedriveFake.Json("deal-activities-page2.json"));
        _h.Fake.Get("/api/v2/activities", "deal-activities-page1.json", priority: 2);

        var task = await _h.CreateAdapter().FindTaskByMarkerAsync("101", "crmbridge:ffffffffffffffffffffffffffffffff", CancellationToken.None);

        Assert.Null(task);
        Assert.Equal(2, _h.Fake.Requests("/api/v2/activities").Count);
    }

    [Fact]
    public async Task FindNoteByMarkerAsync_DealNotes_ReturnsTheMarkedNote()
    {
        _h.Fake.Get("/v1/notes", "deal-notes.json");

        var note = await _h.CreateAdapter().FindNoteByMarkerAsync("101", Marker, CancellationToken.None);

        Assert.Equal(new Note("main", "55", "101", $"Carried over\n\n{Marker}", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)), note);
        var request = _h.Fake.Requests("/v1/notes").Single();
        Assert.Equal("101", PipedriveFake.Query(request, "deal_id"));
        Assert.Equal("0", PipedriveFake.Query(request, "start"));
    }

    [Fact]
    public async Task FindNoteByMarkerAsync_DealWithoutNotes_ReturnsNull()
    {
        _h.Fake.Get("/v1/notes", "deal-notes-empty.json");

        Assert.Null(await _h.CreateAdapter().FindNoteByMarkerAsync("101", Marker, CancellationToken.None));
    }

    [Fact]
    public async Task FindTaskByMarkerAsync_DealIdNotNumeric_FailsAsValidationWithoutARequest()
    {
        await Assert.ThrowsAsync<CrmValidationException>(() => _h.CreateAdapter().FindTaskByMarkerAsync("abc", Marker, CancellationToken.None));

        Assert.Empty(_h.Fake.Server.LogEntries);
    }
}
