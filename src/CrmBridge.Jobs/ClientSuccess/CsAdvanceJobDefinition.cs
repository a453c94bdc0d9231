using CrmBridge.Jobs.Scheduling;
using Hangfire;

namespace CrmBridge.Jobs.ClientSuccess;

/// <summary>Schedules <see cref="CsAdvanceJob"/> per connection when <c>CrmBridge:Jobs:CsAdvance</c> is enabled.</summary>
internal sealed class CsAdvanceJobDefinition : IConnectionJobDefinition
{
    public string Name => CsAdvanceJob.JobName;

    public JobScheduleOptions Schedule(JobsOptions options) => options.CsAdvance;

    public void AddOrUpdate(IRecurringJobManager manager, string recurringJobId, string connection, string cron, RecurringJobOptions options) =>
        manager.AddOrUpdate<CsAdvanceJob>(recurringJobId, job => job.RunAsync(connection, CancellationToken.None), cron, options);
}
