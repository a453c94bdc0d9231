namespace CrmBridge.Jobs.Scheduling;

/// <summary>When one recurring job runs.</summary>
public sealed class JobScheduleOptions
{
    /// <value>Defaults to true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>A cron expression (5 fields, or 6 with seconds), in <see cref="JobsOptions.TimeZone"/>.</summary>
    public string Cron { get; set; } = "";
}
