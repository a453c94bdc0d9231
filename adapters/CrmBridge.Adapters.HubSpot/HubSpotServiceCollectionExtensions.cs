using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.HubSpot;

public static class HubSpotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HubSpot adapter factory (resolved through <see cref="CrmAdapterResolver"/> for every connection of
    /// kind HubSpot), its options (section <c>CrmBridge:HubSpot</c>, validated at start) and the shared HTTP plumbing.
    /// </summary>
    public static IServiceCollection AddHubSpotAdapter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCrmHttp();
        services.AddOptions<HubSpotOptions>().BindConfiguration(HubSpotOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubSpotOptions>, HubSpotOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICrmAdapterFactory, HubSpotAdapterFactory>());
        return services;
    }
}
