using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Cemetery;

/// <summary>Registers the deal cemetery's core: options (validated at start), scanner, alerter, outbox dispatcher and the CRM task channel.</summary>
public static class CemeteryServiceCollectionExtensions
{
    public static IServiceCollection AddCemetery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CemeteryOptions>().BindConfiguration(CemeteryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CemeteryOptions>, CemeteryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CemeteryScanner>();
        services.TryAddSingleton<CemeteryDispatcher>();
        services.TryAddSingleton<CemeteryAlerter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICemeteryChannel, CrmTaskCemeteryChannel>());
        return services;
    }
}
