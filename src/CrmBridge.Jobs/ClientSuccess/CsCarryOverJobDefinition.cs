using CrmBridge.Jobs.Scheduling;
using Hangfire;

namespace CrmBridge.Jobs.ClientSuccess;

/// <summary>Schedules <see cref="CsCarryOverJob"/> per connection when <c>CrmBridge:Jobs:CsCarryOver</c> is enabled.</summary>
internal sealed class CsCarryOverJobDefinition : IConnectionJobDefinition
{
    public string Name => CsCarryOverJob.JobName;

    public JobScheduleOptions Schedule(JobsOptions options) => options.CsCarryOver;

    public void AddOrUpdate(IRecurringJobManager manager, string recurringJobId, string connection, string cron, RecurringJobOptions options) =>
        manager.AddOrUpdate<CsCarryOverJob>(recurringJobId, job => job.RunAsync(connection, CancellationToken.None), cron, options);
}
