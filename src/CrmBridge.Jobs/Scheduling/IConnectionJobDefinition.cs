using Hangfire;

namespace CrmBridge.Jobs.Scheduling;

/// <summary>
/// A recurring job that runs once per enabled connection. Each job registers one definition; the scheduler adds or
/// updates <c>{Name}:{connection}</c> for every connection and removes those of connections no longer configured.
/// </summary>
public interface IConnectionJobDefinition
{
    /// <summary>The stable job name, the prefix of its recurring job ids (e.g. <c>sync</c>).</summary>
    string Name { get; }

    /// <summary>The job's schedule in the options.</summary>
    JobScheduleOptions Schedule(JobsOptions options);

    /// <summary>Registers the recurring job for one connection.</summary>
    void AddOrUpdate(IRecurringJobManager manager, string recurringJobId, string connection, string cron, RecurringJobOptions options);
}
