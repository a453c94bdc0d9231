using Cronos;
using Microsoft.Extensions.Options;

namespace CrmBridge.Jobs.Scheduling;

/// <summary>Checks every cron expression and the time zone at start; messages name the key and the bad value.</summary>
internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (!TryFindTimeZone(options.TimeZone, out _))
        {
            builder.AddError($"{JobsOptions.SectionName}:TimeZone '{options.TimeZone}' is not a known time zone id (e.g. UTC, Europe/Moscow).");
        }

        foreach (var (jobName, schedule) in options.Schedules())
        {
            if (schedule.Enabled && !CronSchedule.TryParse(schedule.Cron, out _, out var error))
            {
                builder.AddError($"{JobsOptions.SectionName}:{jobName}:Cron '{schedule.Cron}' is not a valid cron expression: {error}");
            }
        }

        return builder.Build();
    }

    internal static bool TryFindTimeZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
