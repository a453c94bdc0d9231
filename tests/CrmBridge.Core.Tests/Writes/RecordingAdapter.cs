using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Tests.Writes;

/// <summary>
/// A CRM holding tasks and notes in memory, recording what it is asked; <see cref="LoseNextAnswer"/> makes the next
/// create land and then fail as if the answer were lost on the way back.
/// </summary>
internal sealed class RecordingAdapter : ICrmAdapter
{
    public const string ConnectionName = "main";

    public List<CrmTask> Tasks { get; } = [];

    public List<Note> Notes { get; } = [];

    public int CreateCalls { get; private set; }

    public int LookupCalls { get; private set; }

    public bool LoseNextAnswer { get; set; }

    public CrmKind Kind => CrmKind.HubSpot;

    public string Connection => ConnectionName;

    public CrmCapabilities Capabilities { get; } = new()
    {
        MaxPageSize = 100,
        MaxBatchReadSize = 100,
        SupportsIncremental = false,
        HasRemovedDealsFeed = false,
        ReportsStageEnteredAt = false,
        ReportsLastActivity = false,
        ReportsNextActivity = false,
        StatusOnDeal = false,
    };

    public Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken)
    {
        CreateCalls++;
        var created = new CrmTask(Connection, $"t{Tasks.Count + 1}", task.DealId, task.OwnerId, task.Subject, task.Body, task.DueAt, IsCompleted: false);
        Tasks.Add(created);
        ThrowIfAnswerLost("create task");
        return Task.FromResult(created);
    }

    public Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken)
    {
        CreateCalls++;
        var created = new Note(Connection, $"n{Notes.Count + 1}", note.DealId, note.Body, DateTimeOffset.UnixEpoch);
        Notes.Add(created);
        ThrowIfAnswerLost("add note");
        return Task.FromResult(created);
    }

    public Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        LookupCalls++;
        return Task.FromResult(Tasks.FirstOrDefault(t => t.DealId == dealId && t.Body is { } body && body.Contains(marker, StringComparison.Ordinal)));
    }

    public Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken)
    {
        LookupCalls++;
        return Task.FromResult(Notes.FirstOrDefault(n => n.DealId == dealId && n.Body.Contains(marker, StringComparison.Ordinal)));
    }

    public Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken) => throw new NotSupportedException();

    private void ThrowIfAnswerLost(string endpoint)
    {
        if (LoseNextAnswer)
        {
            LoseNextAnswer = false;
            throw new CrmUnavailableException(Kind, Connection, endpoint, "connection dropped after the request was sent");
        }
    }
}
