using CrmBridge.Core.Hygiene.Fixes;
using CrmBridge.Core.Hygiene.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Hygiene;

/// <summary>Registers hygiene sweeps: options (validated at start), the sweeper, fixer, task creator, undo and the engine.</summary>
public static class HygieneServiceCollectionExtensions
{
    /// <remarks>The <see cref="IHygieneStore"/> comes from the storage registration.</remarks>
    public static IServiceCollection AddCrmBridgeHygiene(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HygieneOptions>().BindConfiguration(HygieneOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HygieneOptions>, HygieneOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HygieneSweeper>();
        services.TryAddSingleton<HygieneFixer>();
        services.TryAddSingleton<HygieneTaskCreator>();
        services.TryAddSingleton<DealUndo>();
        services.TryAddSingleton<HygieneEngine>();
        return services;
    }
}
