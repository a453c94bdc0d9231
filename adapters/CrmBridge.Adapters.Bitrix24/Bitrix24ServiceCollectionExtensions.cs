using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Bitrix24;

public static class Bitrix24ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Bitrix24 adapter factory (resolved through <see cref="CrmAdapterResolver"/> for every connection of
    /// kind Bitrix24), its options (section <c>CrmBridge:Bitrix24</c>, validated at start) and the shared HTTP plumbing.
    /// </summary>
    public static IServiceCollection AddBitrix24Adapter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCrmHttp();
        services.AddOptions<Bitrix24Options>().BindConfiguration(Bitrix24Options.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Bitrix24Options>, Bitrix24OptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICrmAdapterFactory, Bitrix24AdapterFactory>());
        return services;
    }
}
