using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Worker.Tests.ClientSuccess;

/// <summary>
/// Wraps every registered adapter factory so the first deal create reaches the CRM and then fails on the way back, as
/// when the connection drops after the CRM answered: the copy exists, the caller never learns its id.
/// </summary>
internal static class LostResponseAdapters
{
    public static void Install(IServiceCollection services, bool asCrash)
    {
        var lost = new LostOnce(asCrash);
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(ICrmAdapterFactory)).ToList())
        {
            services.Remove(descriptor);
            services.AddSingleton<ICrmAdapterFactory>(sp => new Factory(Inner(sp, descriptor), lost));
        }
    }

    private static ICrmAdapterFactory Inner(IServiceProvider sp, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as ICrmAdapterFactory
        ?? descriptor.ImplementationFactory?.Invoke(sp) as ICrmAdapterFactory
        ?? (ICrmAdapterFactory)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);

    private sealed class LostOnce(bool asCrash)
    {
        private int _lost;

        public void AfterCreate(ICrmAdapter adapter)
        {
            if (Interlocked.Exchange(ref _lost, 1) == 0)
            {
                throw asCrash
                    ? new SimulatedCrashException("crashed while the CRM's answer to the create was on its way")
                    : new CrmUnavailableException(adapter.Kind, adapter.Connection, "create deal", "connection dropped after the request was sent");
            }
        }
    }

    private sealed class Factory(ICrmAdapterFactory inner, LostOnce lost) : ICrmAdapterFactory
    {
        public CrmKind Kind => inner.Kind;

        public ICrmAdapter Create(ConnectionOptions connection) => new Adapter(inner.Create(connection), lost);

        public IEnumerable<string> Validate(ConnectionOptions connection) => inner.Validate(connection);
    }

    private sealed class Adapter(ICrmAdapter inner, LostOnce lost) : ICrmAdapter
    {
        public CrmKind Kind => inner.Kind;

        public string Connection => inner.Connection;

        public CrmCapabilities Capabilities => inner.Capabilities;

        public async Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
        {
            var created = await inner.CreateDealAsync(deal, cancellationToken);
            lost.AfterCreate(inner);
            return created;
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

        public Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken) => inner.UpdateDealAsync(update, cancellationToken);

        public Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken) => inner.CreateTaskAsync(task, cancellationToken);

        public Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken) => inner.AddNoteAsync(note, cancellationToken);

        public Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken) => inner.FindTaskByMarkerAsync(dealId, marker, cancellationToken);

        public Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken) => inner.FindNoteByMarkerAsync(dealId, marker, cancellationToken);
    }
}
