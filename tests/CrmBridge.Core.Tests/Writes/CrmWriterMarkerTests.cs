using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;
using CrmBridge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Core.Tests.Writes;

/// <summary>Task and note creates: the marker written into their text, and the CRM asked for it when an earlier attempt may have landed.</summary>
public sealed class CrmWriterMarkerTests : IAsyncLifetime
{
    private const string Key = "crmbridge-hygiene:main:42";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"crmbridge-writer-{Guid.NewGuid():N}.db");
    private readonly RecordingAdapter _crm = new();
    private readonly FakeTimeProvider _time = new(Now);
    private SqliteCrmStore _store = null!;
    private CrmWriter _writer = null!;

    private static NewTask Task42 => new("d1", "o1", "Fill in the INN", "The INN is missing", Now.AddDays(2));

    public async Task InitializeAsync()
    {
        _store = new SqliteCrmStore(_path, _time);
        await _store.MigrateAsync(CancellationToken.None);
        var options = new CrmBridgeOptions();
        options.Connections[RecordingAdapter.ConnectionName] = new ConnectionOptions { Name = RecordingAdapter.ConnectionName, Kind = "HubSpot" };
        _writer = new CrmWriter(new CrmAdapterResolver([new Factory(_crm)], Options.Create(options)), _store, _time);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task CreateTaskAsync_WithAKey_SendsTheBodyWithTheMarkerOfTheKeyOnItsOwnLine()
    {
        var result = await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, Key, "test", dryRun: false, CancellationToken.None);

        var sent = Assert.Single(_crm.Tasks);
        Assert.Equal($"The INN is missing\n\n{CrmRecordMarker.For(Key)}", sent.Body);
        Assert.DoesNotContain(Key, sent.Body, StringComparison.Ordinal);
        Assert.False(result.AlreadyDone);
        Assert.Equal(0, _crm.LookupCalls);
    }

    [Fact]
    public async Task CreateTaskAsync_WithoutAKey_SendsTheBodyAsGivenAndNeverLooksUp()
    {
        await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, idempotencyKey: null, "test", dryRun: false, CancellationToken.None);

        Assert.Equal("The INN is missing", Assert.Single(_crm.Tasks).Body);
        Assert.Equal(0, _crm.LookupCalls);
    }

    [Fact]
    public async Task CreateTaskAsync_AfterARunDiedWithTheTaskSent_ReconcilesWithTheCrmTaskAndSendsNothing()
    {
        var landed = await _crm.CreateTaskAsync(Task42 with { Body = CrmRecordMarker.AppendTo(Task42.Body, CrmRecordMarker.For(Key)) }, CancellationToken.None);
        await AddPendingAsync(AuditOperation.CreateTask, "task", Key);

        var result = await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, Key, "test", dryRun: false, CancellationToken.None);

        Assert.True(result.AlreadyDone);
        Assert.Equal(AuditOutcome.Succeeded, result.Outcome);
        Assert.Equal(landed.ExternalId, result.EntityId);
        Assert.Single(_crm.Tasks);
        Assert.Equal(1, _crm.LookupCalls);
        var succeeded = await _store.GetAuditEntriesAsync(new AuditQuery(RecordingAdapter.ConnectionName, Key, Outcome: AuditOutcome.Succeeded), CancellationToken.None);
        Assert.Equal(landed.ExternalId, Assert.Single(succeeded).EntityId);
    }

    [Fact]
    public async Task CreateTaskAsync_AfterARunDiedBeforeTheTaskWasSent_AsksTheCrmThenCreatesIt()
    {
        await AddPendingAsync(AuditOperation.CreateTask, "task", Key);

        var result = await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, Key, "test", dryRun: false, CancellationToken.None);

        Assert.False(result.AlreadyDone);
        Assert.Equal(Assert.Single(_crm.Tasks).ExternalId, result.EntityId);
        Assert.Equal(1, _crm.LookupCalls);
    }

    [Fact]
    public async Task AddNoteAsync_RetriedAfterItsAnswerWasLost_FindsTheNoteInsteadOfAddingASecond()
    {
        var note = new NewNote("d1", "Carried over from deal 7");
        _crm.LoseNextAnswer = true;
        await Assert.ThrowsAsync<CrmUnavailableException>(() => _writer.AddNoteAsync(RecordingAdapter.ConnectionName, note, Key, "test", dryRun: false, CancellationToken.None));

        var retried = await _writer.AddNoteAsync(RecordingAdapter.ConnectionName, note, Key, "test", dryRun: false, CancellationToken.None);

        Assert.True(retried.AlreadyDone);
        Assert.Equal(Assert.Single(_crm.Notes).ExternalId, retried.EntityId);
        Assert.Equal(1, _crm.CreateCalls);
    }

    [Fact]
    public async Task CreateTaskAsync_AfterItSucceeded_AnswersFromTheAuditLogWithoutAskingTheCrm()
    {
        var first = await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, Key, "test", dryRun: false, CancellationToken.None);

        var second = await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, Key, "test", dryRun: false, CancellationToken.None);

        Assert.True(second.AlreadyDone);
        Assert.Equal(first.EntityId, second.EntityId);
        Assert.Equal(1, _crm.CreateCalls);
        Assert.Equal(0, _crm.LookupCalls);
    }

    [Fact]
    public async Task CreateTaskAsync_InDryRunAfterAPendingAttempt_RecordsWithoutAskingTheCrm()
    {
        await AddPendingAsync(AuditOperation.CreateTask, "task", Key);

        var result = await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, Key, "test", dryRun: true, CancellationToken.None);

        Assert.Equal(AuditOutcome.DryRun, result.Outcome);
        Assert.Equal(0, _crm.LookupCalls);
        Assert.Empty(_crm.Tasks);
    }

    [Fact]
    public async Task CreateTaskAsync_AfterAPendingAttemptAndManyDryRuns_StillAsksTheCrmAndSendsNothing()
    {
        var landed = await _crm.CreateTaskAsync(Task42 with { Body = CrmRecordMarker.AppendTo(Task42.Body, CrmRecordMarker.For(Key)) }, CancellationToken.None);
        await AddPendingAsync(AuditOperation.CreateTask, "task", Key);
        for (var i = 0; i < 60; i++)
        {
            await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, Key, "test", dryRun: true, CancellationToken.None);
        }

        var result = await _writer.CreateTaskAsync(RecordingAdapter.ConnectionName, Task42, Key, "test", dryRun: false, CancellationToken.None);

        Assert.True(result.AlreadyDone);
        Assert.Equal(landed.ExternalId, result.EntityId);
        Assert.Single(_crm.Tasks);
        Assert.Equal(1, _crm.LookupCalls);
    }

    private async Task AddPendingAsync(AuditOperation operation, string entityType, string key)
    {
        await using var transaction = await _store.BeginAsync(CancellationToken.None);
        await transaction.AddAuditEntryAsync(
            new AuditEntry { Connection = RecordingAdapter.ConnectionName, Operation = operation, EntityType = entityType, IdempotencyKey = key, Actor = "test", Outcome = AuditOutcome.Pending, RequestedAt = Now },
            CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private sealed class Factory(ICrmAdapter adapter) : ICrmAdapterFactory
    {
        public CrmKind Kind => adapter.Kind;

        public ICrmAdapter Create(ConnectionOptions connection) => adapter;

        public IEnumerable<string> Validate(ConnectionOptions connection) => [];
    }
}
