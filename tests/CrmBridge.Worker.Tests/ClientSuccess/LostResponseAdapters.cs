using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.TestKit;
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
            services.AddSingleton<ICrmAdapterFactory>(sp => new WrappingAdapterFactory(Inner(sp, descriptor), adapter => new Adapter(adapter, lost)));
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

    private sealed class Adapter(ICrmAdapter inner, LostOnce lost) : ForwardingCrmAdapter(inner)
    {
        public override async Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
        {
            var created = await Inner.CreateDealAsync(deal, cancellationToken);
            lost.AfterCreate(Inner);
            return created;
        }
    }
}
