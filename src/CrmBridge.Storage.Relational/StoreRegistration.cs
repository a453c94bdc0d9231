using CrmBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmBridge.Storage.Relational;

/// <summary>Registers a store as every storage contract it implements (<see cref="ICrmStore"/> and each feature's own store interface).</summary>
internal static class StoreRegistration
{
    public static IServiceCollection AddStoreContracts<TStore>(this IServiceCollection services)
        where TStore : RelationalCrmStore
    {
        var contracts = typeof(TStore).GetInterfaces()
            .Where(i => i.Namespace?.StartsWith("CrmBridge.Core", StringComparison.Ordinal) == true);
        foreach (var contract in contracts.Append(typeof(ICrmStore)).Distinct())
        {
            services.Replace(ServiceDescriptor.Singleton(contract, sp => sp.GetRequiredService<TStore>()));
        }

        return services;
    }
}
