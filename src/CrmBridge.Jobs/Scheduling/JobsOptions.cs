namespace CrmBridge.Jobs.Scheduling;

/// <summary>The recurring jobs' schedules, section <c>CrmBridge:Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "CrmBridge:Jobs";

    /// <summary>The IANA time zone cron expressions are read in.</summary>
    /// <value>Defaults to UTC.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Incremental sync of every enabled connection (a full one when the last is older than Sync:FullSyncEvery).</summary>
    /// <value>Defaults to every 30 minutes.</value>
    public JobScheduleOptions Sync { get; set; } = new() { Cron = "*/30 * * * *" };

    /// <summary>The schedules by job name, for validation and registration.</summary>
    public IEnumerable<(string Name, JobScheduleOptions Schedule)> Schedules()
    {
        yield return (nameof(Sync), Sync);
    }
}
