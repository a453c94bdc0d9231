using CrmBridge.Core.Adapters;
using CrmBridge.Core.ClientSuccess;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core;

/// <summary>Registers the core services: options with start-up validation, the sync engine and the audited writer.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddCrmBridgeCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CrmBridgeOptions>()
            .BindConfiguration(CrmBridgeOptions.SectionName)
            .PostConfigure(o =>
            {
                foreach (var (name, connection) in o.Connections.ToList())
                {
                    connection.Name = name;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrmBridgeOptions>, CrmBridgeOptionsValidator>());
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CrmRequestMeter>();
        services.TryAddSingleton<CrmAdapterResolver>();
        services.TryAddSingleton<SyncEngine>();
        services.TryAddSingleton<CrmWriter>();
        services.AddCrmBridgeHygiene();
        services.AddCrmBridgeClientSuccess();
        Funnel.FunnelServiceCollectionExtensions.AddCrmBridgeFunnel(services);
        return services;
    }
}
