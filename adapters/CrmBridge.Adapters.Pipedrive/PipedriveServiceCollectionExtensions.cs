using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Pipedrive;

public static class PipedriveServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Pipedrive adapter factory (resolved through <see cref="CrmAdapterResolver"/> for every connection of
    /// kind Pipedrive), its options (section <c>CrmBridge:Pipedrive</c>, validated at start) and the shared HTTP plumbing.
    /// </summary>
    public static IServiceCollection AddPipedriveAdapter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCrmHttp();
        services.AddOptions<PipedriveOptions>().BindConfiguration(PipedriveOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipedriveOptions>, PipedriveOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICrmAdapterFactory, PipedriveAdapterFactory>());
        return services;
    }
}
