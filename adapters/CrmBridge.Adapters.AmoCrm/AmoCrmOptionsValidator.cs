using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.AmoCrm;

/// <summary>Checks <see cref="AmoCrmOptions"/> at start; each message names the key and the bad value.</summary>
internal sealed class AmoCrmOptionsValidator : IValidateOptions<AmoCrmOptions>
{
    public ValidateOptionsResult Validate(string? name, AmoCrmOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        const string Key = AmoCrmOptions.SectionName;
        Range(builder, $"{Key}:PageSize", options.PageSize, AmoCrmLimits.MaxPageSize);
        Range(builder, $"{Key}:BatchReadSize", options.BatchReadSize, AmoCrmLimits.MaxBatchReadSize);
        Range(builder, $"{Key}:EventPageSize", options.EventPageSize, AmoCrmLimits.MaxEventPageSize);
        if (options.RateLimitPermits <= 0 || options.RateLimitWindow <= TimeSpan.Zero)
        {
            builder.AddError($"{Key}: RateLimitPermits and RateLimitWindow must be positive (got {options.RateLimitPermits} per {options.RateLimitWindow}).");
        }

        foreach (var (key, value) in new[]
        {
            (nameof(AmoCrmOptions.RefreshBeforeExpiry), options.RefreshBeforeExpiry),
            (nameof(AmoCrmOptions.RefreshLeaseDuration), options.RefreshLeaseDuration),
            (nameof(AmoCrmOptions.RefreshPollInterval), options.RefreshPollInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                builder.AddError($"{Key}:{key} must be positive (got {value}).");
            }
        }

        if (options.ActivityEventTypes.Any(string.IsNullOrWhiteSpace))
        {
            builder.AddError($"{Key}:ActivityEventTypes has an empty entry.");
        }

        foreach (var error in options.Resilience.Validate($"{Key}:Resilience"))
        {
            builder.AddError(error);
        }

        return builder.Build();
    }

    private static void Range(ValidateOptionsResultBuilder builder, string key, int value, int max)
    {
        if (value < 1 || value > max)
        {
            builder.AddError($"{key} {value} must be between 1 and amoCRM's maximum of {max}.");
        }
    }
}
