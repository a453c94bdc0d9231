using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;

namespace CrmBridge.TestKit;

/// <summary>An adapter that hands every call to <see cref="Inner"/>: a test overrides only the calls it disturbs.</summary>
public abstract class ForwardingCrmAdapter(ICrmAdapter inner) : ICrmAdapter
{
    protected ICrmAdapter Inner { get; } = inner;

    public CrmKind Kind => Inner.Kind;

    public string Connection => Inner.Connection;

    public CrmCapabilities Capabilities => Inner.Capabilities;

    public virtual Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken) => Inner.GetPipelinesAsync(cancellationToken);

    public virtual Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken) => Inner.GetOwnersAsync(cancellationToken);

    public virtual Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken) => Inner.GetFieldDefinitionsAsync(cancellationToken);

    public virtual Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken) => Inner.GetDealsPageAsync(request, cancellationToken);

    public virtual Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken) =>
        Inner.GetRemovedDealsPageAsync(since, pageToken, cancellationToken);

    public virtual Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Inner.GetCompaniesAsync(ids, cancellationToken);

    public virtual Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Inner.GetContactsAsync(ids, cancellationToken);

    public virtual Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken) => Inner.FindDealByMarkerAsync(marker, cancellationToken);

    public virtual Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken) => Inner.CreateDealAsync(deal, cancellationToken);

    public virtual Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken) => Inner.UpdateDealAsync(update, cancellationToken);

    public virtual Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken) => Inner.CreateTaskAsync(task, cancellationToken);

    public virtual Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken) => Inner.AddNoteAsync(note, cancellationToken);

    public virtual Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken) =>
        Inner.FindTaskByMarkerAsync(dealId, marker, cancellationToken);

    public virtual Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken) =>
        Inner.FindNoteByMarkerAsync(dealId, marker, cancellationToken);
}
