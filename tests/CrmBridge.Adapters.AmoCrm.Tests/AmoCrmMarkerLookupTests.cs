using CrmBridge.Adapters.AmoCrm.Tests.TestSupport;
using CrmBridge.Core.Model;
using WireMock.RequestBuilders;

namespace CrmBridge.Adapters.AmoCrm.Tests;

/// <summary>Tasks found by the marker in their text (GET /api/v4/tasks by lead), notes by params.text (GET /api/v4/leads/{id}/notes).</summary>
public sealed class AmoCrmMarkerLookupTests : IDisposable
{
    private const string Marker = "crmbridge:0f3a9c1d2b4e5f60718293a4b5c6d7e8";
    private readonly AmoCrmHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task FindTaskByMarkerAsync_LeadTasks_FiltersByTheLeadAndSplitsSubjectFromBody()
    {
        _h.Fake.Get("/api/v4/tasks", "lead-tasks.json");

        var task = await _h.CreateAdapter().FindTaskByMarkerAsync("19700", Marker, CancellationToken.None);

        Assert.Equal(
            new CrmTask("main", "4745251", "19700", "8000002", "Fill in the INN", $"Hygiene\n\n{Marker}", DateTimeOffset.FromUnixTimeSeconds(1773997200), IsCompleted: false),
            task);
        var request = _h.Fake.Requests("/api/v4/tasks").Single();
        Assert.Contains("filter[entity_type]=leads", AmoCrmFake.RawQuery(request), StringComparison.Ordinal);
        Assert.Contains("filter[entity_id][]=19700", AmoCrmFake.RawQuery(request), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindTaskByMarkerAsync_LeadWithoutTasks_ReturnsNullOnThe204()
    {
        _h.Fake.Server.Given(Request.Create().WithPath("/api/v4/tasks").UsingGet()).RespondWith(AmoCrmFake.NoContent());

        Assert.Null(await _h.CreateAdapter().FindTaskByMarkerAsync("19700", Marker, CancellationToken.None));
        Assert.Single(_h.Fake.Requests("/api/v4/tasks"));
    }

    [Fact]
    public async Task FindNoteByMarkerAsync_LeadNotes_ReturnsTheMarkedCommonNote()
    {
        _h.Fake.Get("/api/v4/leads/19700/notes", "lead-notes.json");

        var note = await _h.CreateAdapter().FindNoteByMarkerAsync("19700", Marker, CancellationToken.None);

        Assert.Equal(new Note("main", "76787", "19700", $"Carried over\n\n{Marker}", DateTimeOffset.FromUnixTimeSeconds(1772445600)), note);
        Assert.Contains("filter[note_type]=common", AmoCrmFake.RawQuery(_h.Fake.Requests("/api/v4/leads/19700/notes").Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindNoteByMarkerAsync_NoNoteCarriesTheMarker_ReturnsNull()
    {
        _h.Fake.Get("/api/v4/leads/19700/notes", "lead-notes.json");

        Assert.Null(await _h.CreateAdapter().FindNoteByMarkerAsync("19700", "crmbridge:ffffffffffffffffffffffffffffffff", CancellationToken.None));
    }
}
