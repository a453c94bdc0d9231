using CrmBridge.Jobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmBridge.Jobs.ClientSuccess;

/// <summary>Registers the Client Success jobs (cs-carry-over, cs-advance) and their per-connection schedules.</summary>
internal static class ClientSuccessJobsServiceCollectionExtensions
{
    public static IServiceCollection AddClientSuccessJobs(this IServiceCollection services)
    {
        services.TryAddTransient<CsCarryOverJob>();
        services.TryAddTransient<CsAdvanceJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionJobDefinition, CsCarryOverJobDefinition>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionJobDefinition, CsAdvanceJobDefinition>());
        return services;
    }
}
