using Microsoft.Extensions.Options;

namespace CrmBridge.Core.ClientSuccess;

/// <summary>Checks the Client Success settings at start; messages name the key and the bad value.</summary>
internal sealed class ClientSuccessOptionsValidator : IValidateOptions<ClientSuccessOptions>
{
    private const string Section = ClientSuccessOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ClientSuccessOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            builder.AddError($"{Section}:TimeZone '{options.TimeZone}' is not a known time zone id (e.g. UTC, Europe/Moscow).");
        }

        if (options.ClaimLease < TimeSpan.FromSeconds(30))
        {
            builder.AddError($"{Section}:ClaimLease {options.ClaimLease} is too short; use at least 00:00:30 (a claim must outlive the CRM's search delay).");
        }

        if (options.TagOriginal && string.IsNullOrWhiteSpace(options.TagField))
        {
            builder.AddError($"{Section}:TagField is required when TagOriginal is true.");
        }

        foreach (var field in options.CopyFields.Append(options.LinkField).Append(options.TagField).Append(options.RenewalCountField)
                     .Append(options.CadenceField).Append(options.BillingField).OfType<string>())
        {
            if (!field.StartsWith("deal.", StringComparison.Ordinal))
            {
                builder.AddError($"{Section}: field '{field}' is not a canonical deal field (deal.*).");
            }
        }

        for (var i = 0; i < options.Plan.Count; i++)
        {
            var task = options.Plan[i];
            var key = $"{Section}:Plan:{i}";
            var periods = CsCalendar.PeriodsPerCycle(task.Cadence);
            if (task.Period < 1 || task.Period > periods)
            {
                builder.AddError($"{key}:Period {task.Period} is outside 1..{periods} of the {task.Cadence} cadence.");
            }

            if (string.IsNullOrWhiteSpace(task.Key))
            {
                builder.AddError($"{key}:Key is required (a stable short id such as 'onboarding').");
            }

            if (string.IsNullOrWhiteSpace(task.Subject))
            {
                builder.AddError($"{key}:Subject is required.");
            }

            if (task.DueDays < 0)
            {
                builder.AddError($"{key}:DueDays {task.DueDays} must not be negative.");
            }
        }

        foreach (var duplicate in options.Plan.GroupBy(t => (t.Cadence, t.Period, t.Key)).Where(g => g.Count() > 1))
        {
            builder.AddError($"{Section}:Plan has task key '{duplicate.Key.Key}' twice in {duplicate.Key.Cadence} period {duplicate.Key.Period}; keys must be unique per period.");
        }

        return builder.Build();
    }
}
