using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Bench.Runs;

/// <summary>
/// An adapter that hands deals on without their company and contact links, so a sync measures the deals alone (the
/// "without related records" figures). Everything else goes to the real adapter.
/// </summary>
internal sealed class DealsOnlyAdapter(ICrmAdapter inner) : ICrmAdapter
{
    public CrmKind Kind => inner.Kind;

    public string Connection => inner.Connection;

    public CrmCapabilities Capabilities => inner.Capabilities;

    /// <summary>Wraps every registered adapter factory.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var factories = services.Where(d => d.ServiceType == typeof(ICrmAdapterFactory)).ToList();
        foreach (var descriptor in factories)
        {
            services.Remove(descriptor);
            services.AddSingleton<ICrmAdapterFactory>(provider => new Factory(Create(provider, descriptor)));
        }
    }

    public async Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken)
    {
        var page = await inner.GetDealsPageAsync(request, cancellationToken);
        return page with { Deals = [.. page.Deals.Select(d => d with { CompanyId = null, ContactIds = [] })] };
    }

    public Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken) => inner.GetPipelinesAsync(cancellationToken);

    public Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken) => inner.GetOwnersAsync(cancellationToken);

    public Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken) => inner.GetFieldDefinitionsAsync(cancellationToken);

    public Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken) =>
        inner.GetRemovedDealsPageAsync(since, pageToken, cancellationToken);

    public Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.GetCompaniesAsync(ids, cancellationToken);

    public Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.GetContactsAsync(ids, cancellationToken);

    public Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken) => inner.FindDealByMarkerAsync(marker, cancellationToken);

    public Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken) => inner.CreateDealAsync(deal, cancellationToken);

    public Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken) => inner.UpdateDealAsync(update, cancellationToken);

    public Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken) => inner.CreateTaskAsync(task, cancellationToken);

    public Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken) => inner.AddNoteAsync(note, cancellationToken);

    public Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken) => inner.FindTaskByMarkerAsync(dealId, marker, cancellationToken);

    public Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken) => inner.FindNoteByMarkerAsync(dealId, marker, cancellationToken);

    private static ICrmAdapterFactory Create(IServiceProvider provider, ServiceDescriptor descriptor) => (ICrmAdapterFactory)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    private sealed class Factory(ICrmAdapterFactory inner) : ICrmAdapterFactory
    {
        public CrmKind Kind => inner.Kind;

        public ICrmAdapter Create(Core.Connections.ConnectionOptions connection) => new DealsOnlyAdapter(inner.Create(connection));

        public IEnumerable<string> Validate(Core.Connections.ConnectionOptions connection) => inner.Validate(connection);
    }
}
