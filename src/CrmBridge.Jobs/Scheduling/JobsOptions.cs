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

    /// <summary>Hygiene sweep of every enabled connection.</summary>
    /// <value>Defaults to 06:00 every day.</value>
    public JobScheduleOptions Hygiene { get; set; } = new() { Cron = "0 6 * * *" };

    /// <summary>Deal-cemetery scan and digests to owners and managers.</summary>
    /// <value>Defaults to 08:00 on weekdays.</value>
    public JobScheduleOptions Cemetery { get; set; } = new() { Cron = "0 8 * * 1-5" };

    /// <summary>Copies won deals into the Client Success pipeline. It writes to the CRM, so it is off until enabled.</summary>
    /// <value>Defaults to every 30 minutes, disabled.</value>
    public JobScheduleOptions CsCarryOver { get; set; } = new() { Enabled = false, Cron = "*/30 * * * *" };

    /// <summary>Moves Client Success deals along their calendar stages and creates the period's tasks. Off until enabled.</summary>
    /// <value>Defaults to 07:00 every day, disabled.</value>
    public JobScheduleOptions CsAdvance { get; set; } = new() { Enabled = false, Cron = "0 7 * * *" };

    /// <summary>The schedules by job name, for validation.</summary>
    public IEnumerable<(string Name, JobScheduleOptions Schedule)> Schedules()
    {
        yield return (nameof(Sync), Sync);
        yield return (nameof(Hygiene), Hygiene);
        yield return (nameof(Cemetery), Cemetery);
        yield return (nameof(CsCarryOver), CsCarryOver);
        yield return (nameof(CsAdvance), CsAdvance);
    }
}
