using CrmBridge.Jobs.Cemetery;
using CrmBridge.Jobs.ClientSuccess;
using CrmBridge.Jobs.Hygiene;
using CrmBridge.Jobs.Scheduling;
using CrmBridge.Jobs.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Jobs;

/// <summary>Registers the job classes and their schedule options. Hangfire's storage and server are the host's choice.</summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddCrmBridgeJobs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());
        services.TryAddTransient<SyncJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionJobDefinition, SyncJobDefinition>());
        services.AddClientSuccessJobs();
        services.TryAddTransient<CemeteryJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionJobDefinition, CemeteryJobDefinition>());
        services.TryAddTransient<HygieneJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionJobDefinition, HygieneJobDefinition>());
        return services;
    }

    /// <summary>Registers the recurring schedules when the Hangfire server starts (the <c>run</c> verb only).</summary>
    public static IServiceCollection AddCrmBridgeRecurringJobs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<RecurringJobScheduler>();
        return services;
    }
}
