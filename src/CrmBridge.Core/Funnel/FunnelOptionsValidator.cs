using System.Globalization;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Funnel;

/// <summary>Checks <see cref="FunnelOptions"/> at start; messages name the key and the bad value.</summary>
public sealed class FunnelOptionsValidator : IValidateOptions<FunnelOptions>
{
    public ValidateOptionsResult Validate(string? name, FunnelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        const string Prefix = FunnelOptions.SectionName;
        if (options.MergeAtPercent is <= 0 or > 100 || double.IsNaN(options.MergeAtPercent))
        {
            builder.AddError($"{Prefix}:MergeAtPercent must be above 0 and at most 100 (got {F(options.MergeAtPercent)}).");
        }

        if (options.SplitBelowPercent is < 0 or >= 100 || double.IsNaN(options.SplitBelowPercent))
        {
            builder.AddError($"{Prefix}:SplitBelowPercent must be from 0 to below 100 (got {F(options.SplitBelowPercent)}).");
        }

        if (options.SplitBelowPercent >= options.MergeAtPercent)
        {
            builder.AddError($"{Prefix}:SplitBelowPercent ({F(options.SplitBelowPercent)}) must be below {Prefix}:MergeAtPercent ({F(options.MergeAtPercent)}).");
        }

        if (options.MinimumDealsForHint < 1)
        {
            builder.AddError($"{Prefix}:MinimumDealsForHint must be at least 1 (got {options.MinimumDealsForHint}).");
        }

        if (options.CompetitorRevisitAfterDays < 0)
        {
            builder.AddError($"{Prefix}:CompetitorRevisitAfterDays must not be negative (got {options.CompetitorRevisitAfterDays}).");
        }

        CheckList(builder, $"{Prefix}:LossReasons", options.LossReasons);
        var known = new HashSet<string>(options.EffectiveLossReasons.Select(LossReasonCatalog.Normalize), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, list) in new[] { ("ReassignableReasons", options.ReassignableReasons), ("CompetitorReasons", options.CompetitorReasons) })
        {
            CheckList(builder, $"{Prefix}:{key}", list);
            foreach (var (reason, index) in (list ?? []).Select((r, i) => (r, i)))
            {
                if (!string.IsNullOrWhiteSpace(reason) && !known.Contains(LossReasonCatalog.Normalize(reason)))
                {
                    builder.AddError($"{Prefix}:{key}:{index} '{reason}' is not one of {Prefix}:LossReasons.");
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Cohort) && !FunnelCohort.TryParse(options.Cohort, out _, out var cohortError))
        {
            builder.AddError($"{Prefix}:Cohort {cohortError}");
        }

        return builder.Build();
    }

    private static void CheckList(ValidateOptionsResultBuilder builder, string key, List<string>? list)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (reason, index) in (list ?? []).Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                builder.AddError($"{key}:{index} is empty; remove it or name a loss reason.");
            }
            else if (!seen.Add(LossReasonCatalog.Normalize(reason)))
            {
                builder.AddError($"{key}:{index} '{reason}' is listed twice.");
            }
        }
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
