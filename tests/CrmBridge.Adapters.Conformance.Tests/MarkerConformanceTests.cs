using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;

namespace CrmBridge.Adapters.Conformance.Tests;

/// <summary>
/// Tasks and notes found again by the marker in their text, through the real adapter and Refit clients, and the writer
/// using that lookup when a run died after its create reached the CRM.
/// </summary>
public sealed class MarkerConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task FindTaskAndNoteByMarker_OnADealWithOtherRecords_FindOnlyTheMarkedOnes(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 5);
        await host.InitializeAsync();
        var ct = CancellationToken.None;
        var seeded = host.Sandbox.Dataset.Deals[0];
        var dealId = host.Crm.GetDealId(seeded.Key);
        var otherDealId = host.Crm.GetDealId(host.Sandbox.Dataset.Deals[1].Key);
        var owner = host.Crm.GetOwnerId(seeded.OwnerKey);
        var due = host.Sandbox.Now.AddDays(3);
        var taskMarker = CrmRecordMarker.For("conformance-task");
        var noteMarker = CrmRecordMarker.For("conformance-note");

        await host.Adapter.CreateTaskAsync(new NewTask(dealId, owner, "Call the client", "No reference here", due), ct);
        await host.Adapter.AddNoteAsync(new NewNote(dealId, "A note a user wrote"), ct);
        var task = await host.Adapter.CreateTaskAsync(new NewTask(dealId, owner, "Fill in the INN", CrmRecordMarker.AppendTo("Hygiene", taskMarker), due), ct);
        var note = await host.Adapter.AddNoteAsync(new NewNote(dealId, CrmRecordMarker.AppendTo("Carried over", noteMarker)), ct);
        await host.Adapter.CreateTaskAsync(new NewTask(otherDealId, owner, "Later task", "Nothing to see", due), ct);

        var foundTask = await host.Adapter.FindTaskByMarkerAsync(dealId, taskMarker, ct);
        var foundNote = await host.Adapter.FindNoteByMarkerAsync(dealId, noteMarker, ct);

        Assert.NotNull(foundTask);
        Assert.Equal(task.ExternalId, foundTask.ExternalId);
        Assert.Equal(dealId, foundTask.DealId);
        Assert.Equal(host.Connection.Name, foundTask.Connection);
        Assert.Contains(taskMarker, foundTask.Body, StringComparison.Ordinal);
        Assert.NotNull(foundNote);
        Assert.Equal(note.ExternalId, foundNote.ExternalId);
        Assert.Equal(dealId, foundNote.DealId);
        Assert.Contains(noteMarker, foundNote.Body, StringComparison.Ordinal);
        Assert.Null(await host.Adapter.FindTaskByMarkerAsync(otherDealId, taskMarker, ct));
        Assert.Null(await host.Adapter.FindTaskByMarkerAsync(dealId, CrmRecordMarker.For("never-sent"), ct));
        Assert.Null(await host.Adapter.FindTaskByMarkerAsync(dealId, noteMarker, ct));
        Assert.Null(await host.Adapter.FindNoteByMarkerAsync(otherDealId, noteMarker, ct));
        Assert.Null(await host.Adapter.FindNoteByMarkerAsync(dealId, CrmRecordMarker.For("never-sent"), ct));
    }

    [Theory]
    [MemberData(nameof(ConformanceMembers.All), MemberType = typeof(ConformanceMembers))]
    public async Task CreateTaskAndAddNote_AfterARunDiedWithTheCreatesSent_ReconcileWithTheCrmRecords(CrmKind kind, ConformanceAuth auth)
    {
        await using var host = new ConformanceHost(kind, auth, deals: 5);
        await host.InitializeAsync();
        var ct = CancellationToken.None;
        var seeded = host.Sandbox.Dataset.Deals[0];
        var dealId = host.Crm.GetDealId(seeded.Key);
        var owner = host.Crm.GetOwnerId(seeded.OwnerKey);
        var due = host.Sandbox.Now.AddDays(3);
        var newTask = new NewTask(dealId, owner, "Fill in the INN", "Hygiene", due);
        var newNote = new NewNote(dealId, "Carried over from the sales pipeline");

        // What a run killed between sending and recording the answer leaves: the records in the CRM, Pending intents here.
        var sentTask = await host.Adapter.CreateTaskAsync(newTask with { Body = CrmRecordMarker.AppendTo(newTask.Body, CrmRecordMarker.For("died-task")) }, ct);
        var sentNote = await host.Adapter.AddNoteAsync(newNote with { Body = CrmRecordMarker.AppendTo(newNote.Body, CrmRecordMarker.For("died-note")) }, ct);
        await AddPendingAsync(host, AuditOperation.CreateTask, "task", "died-task");
        await AddPendingAsync(host, AuditOperation.AddNote, "note", "died-note");

        var task = await host.Writer.CreateTaskAsync(host.Connection.Name, newTask, "died-task", "conformance", dryRun: false, ct);
        var note = await host.Writer.AddNoteAsync(host.Connection.Name, newNote, "died-note", "conformance", dryRun: false, ct);
        var neverSent = await host.Writer.CreateTaskAsync(host.Connection.Name, newTask, "never-sent", "conformance", dryRun: false, ct);

        Assert.True(task.AlreadyDone);
        Assert.Equal(sentTask.ExternalId, task.EntityId);
        Assert.True(note.AlreadyDone);
        Assert.Equal(sentNote.ExternalId, note.EntityId);
        Assert.False(neverSent.AlreadyDone);
        Assert.NotEqual(sentTask.ExternalId, neverSent.EntityId);
        var reconciled = await host.Store.GetAuditEntriesAsync(new AuditQuery(host.Connection.Name, "died-task", Outcome: AuditOutcome.Succeeded), ct);
        Assert.Equal(sentTask.ExternalId, Assert.Single(reconciled).EntityId);
    }

    private static async Task AddPendingAsync(ConformanceHost host, AuditOperation operation, string entityType, string key)
    {
        await using var transaction = await host.Store.BeginAsync(CancellationToken.None);
        await transaction.AddAuditEntryAsync(
            new AuditEntry
            {
                Connection = host.Connection.Name,
                Operation = operation,
                EntityType = entityType,
                IdempotencyKey = key,
                Actor = "conformance",
                Outcome = AuditOutcome.Pending,
                RequestedAt = host.Sandbox.Now,
            },
            CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }
}
