using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.AmoCrm;

public static class AmoCrmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the amoCRM (Kommo) adapter factory (resolved through <see cref="CrmAdapterResolver"/> for every connection
    /// of kind AmoCrm), its options (section <c>CrmBridge:AmoCrm</c>, validated at start) and the shared HTTP plumbing.
    /// OAuth connections use the registered <see cref="Core.Credentials.ICredentialStore"/> (the SQL stores are one).
    /// </summary>
    public static IServiceCollection AddAmoCrmAdapter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCrmHttp();
        services.AddOptions<AmoCrmOptions>().BindConfiguration(AmoCrmOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AmoCrmOptions>, AmoCrmOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICrmAdapterFactory, AmoCrmAdapterFactory>());
        return services;
    }
}
