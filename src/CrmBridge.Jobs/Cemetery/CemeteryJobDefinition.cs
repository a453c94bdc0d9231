using CrmBridge.Core.Cemetery;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CrmBridge.Jobs.Cemetery;

/// <summary>
/// Schedules <see cref="CemeteryJob"/> per connection on CrmBridge:Jobs:Cemetery, read in the team's time zone
/// (CrmBridge:Cemetery:TimeZone) so "08:00 on weekdays" means the team's morning.
/// </summary>
internal sealed class CemeteryJobDefinition(IOptions<CemeteryOptions> cemetery) : IConnectionJobDefinition
{
    /// <summary>Without the cemetery's options the schedule stays in CrmBridge:Jobs:TimeZone (for callers that create definitions by reflection).</summary>
    public CemeteryJobDefinition()
        : this(Options.Create(new CemeteryOptions()))
    {
    }

    public string Name => CemeteryJob.JobName;

    public JobScheduleOptions Schedule(JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Cemetery;
    }

    public void AddOrUpdate(IRecurringJobManager manager, string recurringJobId, string connection, string cron, RecurringJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var zone = CemeteryTimeZone.TryFind(cemetery.Value.TimeZone, out var team) ? team : options.TimeZone;
        manager.AddOrUpdate<CemeteryJob>(recurringJobId, job => job.RunAsync(connection, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = zone });
    }
}
