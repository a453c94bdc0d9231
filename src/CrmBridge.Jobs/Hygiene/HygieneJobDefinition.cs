using CrmBridge.Jobs.Scheduling;
using Hangfire;

namespace CrmBridge.Jobs.Hygiene;

/// <summary>Schedules <see cref="HygieneJob"/> per connection on <see cref="JobsOptions.Hygiene"/>.</summary>
internal sealed class HygieneJobDefinition : IConnectionJobDefinition
{
    public string Name => HygieneJob.JobName;

    public JobScheduleOptions Schedule(JobsOptions options) => options.Hygiene;

    public void AddOrUpdate(IRecurringJobManager manager, string recurringJobId, string connection, string cron, RecurringJobOptions options) =>
        manager.AddOrUpdate<HygieneJob>(recurringJobId, job => job.RunAsync(connection, CancellationToken.None), cron, options);
}
