using CrmBridge.Jobs.Scheduling;
using Hangfire;

namespace CrmBridge.Jobs.Sync;

/// <summary>Schedules <see cref="SyncJob"/> per connection.</summary>
internal sealed class SyncJobDefinition : IConnectionJobDefinition
{
    public string Name => SyncJob.JobName;

    public JobScheduleOptions Schedule(JobsOptions options) => options.Sync;

    public void AddOrUpdate(IRecurringJobManager manager, string recurringJobId, string connection, string cron, RecurringJobOptions options) =>
        manager.AddOrUpdate<SyncJob>(recurringJobId, job => job.RunAsync(connection, false, CancellationToken.None), cron, options);
}
