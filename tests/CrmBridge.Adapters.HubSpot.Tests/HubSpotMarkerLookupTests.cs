using System.Text.Json;
using CrmBridge.Adapters.HubSpot.Tests.TestSupport;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.HubSpot.Tests;

/// <summary>Tasks and notes found by the marker in their body: the deal's v4 associations, then a v3 batch read of those records.</summary>
public sealed class HubSpotMarkerLookupTests : IDisposable
{
    private const string Marker = "crmbridge:0f3a9c1d2b4e5f60718293a4b5c6d7e8";
    private readonly HubSpotHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task FindTaskByMarkerAsync_DealWithTwoTasks_ReadsTheAssociatedTasksNewestFirstAndReturnsTheMarkedOne()
    {
        _h.Fake.Post("/crm/v4/associations/deals/tasks/batch/read", "deal-tasks-associations.json");
        _h.Fake.Post("/crm/v3/objects/tasks/batch/read", "tasks-batch-read.json");

        var task = await _h.CreateAdapter().FindTaskByMarkerAsync("123", Marker, CancellationToken.None);

        Assert.Equal(
            new CrmTask("main", "3001", "123", "41", "Kick-off call", $"Agenda attached\n\n{Marker}", new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero), IsCompleted: false),
            task);
        var links = HubSpotFake.Body(_h.Fake.Requests("/crm/v4/associations/deals/tasks/batch/read").Single());
        Assert.Equal("""[{"id":"123"}]""", JsonSerializer.Serialize(links.GetProperty("inputs")));
        var read = HubSpotFake.Body(_h.Fake.Requests("/crm/v3/objects/tasks/batch/read").Single());
        Assert.Equal("""[{"id":"3007"},{"id":"3001"}]""", JsonSerializer.Serialize(read.GetProperty("inputs")));
        Assert.Contains("hs_task_body", read.GetProperty("properties").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task FindTaskByMarkerAsync_NoTaskCarriesTheMarker_ReturnsNull()
    {
        _h.Fake.Post("/crm/v4/associations/deals/tasks/batch/read", "deal-tasks-associations.json");
        _h.Fake.Post("/crm/v3/objects/tasks/batch/read", "tasks-batch-read.json");

        var task = await _h.CreateAdapter().FindTaskByMarkerAsync("123", "crmbridge:ffffffffffffffffffffffffffffffff", CancellationToken.None);

        Assert.Null(task);
    }

    [Fact]
    public async Task FindNoteByMarkerAsync_HtmlBodyCarryingTheMarker_ReturnsTheNote()
    {
        _h.Fake.Post("/crm/v4/associations/deals/notes/batch/read", "deal-notes-associations.json");
        _h.Fake.Post("/crm/v3/objects/notes/batch/read", "notes-batch-read.json");

        var note = await _h.CreateAdapter().FindNoteByMarkerAsync("123", Marker, CancellationToken.None);

        Assert.NotNull(note);
        Assert.Equal("4001", note.ExternalId);
        Assert.Equal("123", note.DealId);
        Assert.Contains(Marker, note.Body, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero), note.CreatedAt);
    }

    [Fact]
    public async Task FindNoteByMarkerAsync_DealWithoutNotes_ReturnsNullWithoutReadingNotes()
    {
        _h.Fake.Post("/crm/v4/associations/deals/notes/batch/read", "deal-no-associations.json");

        var note = await _h.CreateAdapter().FindNoteByMarkerAsync("123", Marker, CancellationToken.None);

        Assert.Null(note);
        Assert.Empty(_h.Fake.Requests("/crm/v3/objects/notes/batch/read"));
    }
}
