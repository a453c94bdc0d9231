using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;
using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Resilience.Tests.Faults;

/// <summary>
/// A task or note whose create reached the CRM while the worker died before recording the answer: the next attempt finds
/// it in the CRM by its marker and does not create it again.
/// </summary>
public sealed class LostCreateAnswerTests
{
    [Theory]
    [MemberData(nameof(SandboxCrms.All), MemberType = typeof(SandboxCrms))]
    public async Task TaskCreate_WhenTheWorkerIsKilledAfterTheCrmAnswered_IsNotSentAgain(CrmKind kind)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 10 });
        var crm = sandbox.Crms.Single(c => c.Kind == kind);
        using var directory = new TempDirectory();
        // No faults are injected here: a roomy attempt timeout keeps a loaded machine from failing a create.
        await using var host = new ResilienceHost(crm, directory.File("store.db"), new Dictionary<string, string?> { [$"CrmBridge:{kind}:Resilience:AttemptTimeout"] = "00:00:30" });
        await host.InitializeAsync();
        var seeded = sandbox.Dataset.Deals[0];
        var dealId = crm.GetDealId(seeded.Key);
        var task = new NewTask(dealId, crm.GetOwnerId(seeded.OwnerKey), "Fill in the INN", "Found by the hygiene sweep", sandbox.Now.AddDays(2));
        var note = new NewNote(dealId, "Carried over from the sales pipeline");
        var killed = KilledWorkerWriter(host);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.CreateTaskAsync(host.Connection.Name, task, "killed-task", "resilience", dryRun: false, CancellationToken.None));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.AddNoteAsync(host.Connection.Name, note, "killed-note", "resilience", dryRun: false, CancellationToken.None));
        var tasksAfterKill = SandboxProbe.Tasks(crm);
        var notesAfterKill = SandboxProbe.Notes(crm);
        var landedTask = await host.Adapter.FindTaskByMarkerAsync(dealId, CrmRecordMarker.For("killed-task"), CancellationToken.None);
        var landedNote = await host.Adapter.FindNoteByMarkerAsync(dealId, CrmRecordMarker.For("killed-note"), CancellationToken.None);
        var pending = await host.Store.GetAuditEntriesAsync(new AuditQuery(host.Connection.Name, "killed-task"), CancellationToken.None);

        var restartedTask = await host.Writer.CreateTaskAsync(host.Connection.Name, task, "killed-task", "resilience", dryRun: false, CancellationToken.None);
        var restartedNote = await host.Writer.AddNoteAsync(host.Connection.Name, note, "killed-note", "resilience", dryRun: false, CancellationToken.None);

        Assert.NotNull(landedTask);
        Assert.NotNull(landedNote);
        Assert.Equal(AuditOutcome.Pending, Assert.Single(pending).Outcome);
        Assert.True(restartedTask.AlreadyDone);
        Assert.Equal(landedTask.ExternalId, restartedTask.EntityId);
        Assert.True(restartedNote.AlreadyDone);
        Assert.Equal(landedNote.ExternalId, restartedNote.EntityId);
        Assert.Equal(tasksAfterKill, SandboxProbe.Tasks(crm));
        Assert.Equal(notesAfterKill, SandboxProbe.Notes(crm));
    }

    /// <summary>A writer over the same store whose task and note creates reach the CRM and then die with the worker.</summary>
    private static CrmWriter KilledWorkerWriter(ResilienceHost host)
    {
        var factories = host.Services.GetServices<ICrmAdapterFactory>().Select(KilledAfterCreateAdapters.Wrap);
        var resolver = new CrmAdapterResolver(factories, host.Services.GetRequiredService<IOptions<CrmBridgeOptions>>());
        return new CrmWriter(resolver, host.Store, TimeProvider.System);
    }
}
