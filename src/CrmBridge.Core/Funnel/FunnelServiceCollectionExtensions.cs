using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Funnel;

/// <summary>Registers funnel analytics: <see cref="FunnelOptions"/> validated at start, and <see cref="FunnelService"/>.</summary>
public static class FunnelServiceCollectionExtensions
{
    public static IServiceCollection AddCrmBridgeFunnel(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<FunnelOptions>().BindConfiguration(FunnelOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FunnelOptions>, FunnelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FunnelService>();
        return services;
    }
}
