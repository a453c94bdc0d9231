using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// Adapters whose task and note creates reach the CRM and then end the way a killed worker ends: no answer comes back
/// and nothing is recorded (an <see cref="OperationCanceledException"/>, which the writer does not record as a failure).
/// </summary>
internal static class KilledAfterCreateAdapters
{
    public static ICrmAdapterFactory Wrap(ICrmAdapterFactory inner) => new Factory(inner);

    private sealed class Factory(ICrmAdapterFactory inner) : ICrmAdapterFactory
    {
        public CrmKind Kind => inner.Kind;

        public ICrmAdapter Create(ConnectionOptions connection) => new Adapter(inner.Create(connection));

        public IEnumerable<string> Validate(ConnectionOptions connection) => inner.Validate(connection);
    }

    private sealed class Adapter(ICrmAdapter inner) : ICrmAdapter
    {
        public CrmKind Kind => inner.Kind;

        public string Connection => inner.Connection;

        public CrmCapabilities Capabilities => inner.Capabilities;

        public async Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken)
        {
            await inner.CreateTaskAsync(task, cancellationToken);
            throw new OperationCanceledException("the worker was killed after the CRM created the task");
        }

        public async Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken)
        {
            await inner.AddNoteAsync(note, cancellationToken);
            throw new OperationCanceledException("the worker was killed after the CRM added the note");
        }

        public Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken) => inner.GetPipelinesAsync(cancellationToken);

        public Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken) => inner.GetOwnersAsync(cancellationToken);

        public Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken) => inner.GetFieldDefinitionsAsync(cancellationToken);

        public Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken) => inner.GetDealsPageAsync(request, cancellationToken);

        public Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken) =>
            inner.GetRemovedDealsPageAsync(since, pageToken, cancellationToken);

        public Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.GetCompaniesAsync(ids, cancellationToken);

        public Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.GetContactsAsync(ids, cancellationToken);

        public Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken) => inner.FindDealByMarkerAsync(marker, cancellationToken);

        public Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken) => inner.CreateDealAsync(deal, cancellationToken);

        public Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken) => inner.UpdateDealAsync(update, cancellationToken);

        public Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken) => inner.FindTaskByMarkerAsync(dealId, marker, cancellationToken);

        public Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken) => inner.FindNoteByMarkerAsync(dealId, marker, cancellationToken);
    }
}
