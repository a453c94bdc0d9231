using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.ClientSuccess;

/// <summary>Registers the Client Success engines and their options. The store (<see cref="IClientSuccessStore"/>) comes with the storage backend.</summary>
public static class ClientSuccessServiceCollectionExtensions
{
    public static IServiceCollection AddCrmBridgeClientSuccess(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ClientSuccessOptions>().BindConfiguration(ClientSuccessOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientSuccessOptions>, ClientSuccessOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICarryOverObserver, NullCarryOverObserver>();
        services.TryAddSingleton<CsCarryOverEngine>();
        services.TryAddSingleton<CsAdvanceEngine>();
        return services;
    }
}
