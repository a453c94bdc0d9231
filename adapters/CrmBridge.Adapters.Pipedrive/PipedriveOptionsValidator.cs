using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Pipedrive;

/// <summary>Checks <see cref="PipedriveOptions"/> at start; each message names the key and the bad value.</summary>
internal sealed class PipedriveOptionsValidator : IValidateOptions<PipedriveOptions>
{
    public ValidateOptionsResult Validate(string? name, PipedriveOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        const string Key = PipedriveOptions.SectionName;
        if (!Enum.IsDefined(options.Auth))
        {
            builder.AddError($"{Key}:Auth '{options.Auth}' is not one of {string.Join(", ", Enum.GetNames<PipedriveAuthMode>())}.");
        }

        Range(builder, $"{Key}:PageSize", options.PageSize, PipedriveLimits.MaxPageSize);
        Range(builder, $"{Key}:BatchReadSize", options.BatchReadSize, PipedriveLimits.MaxIdsPerRequest);
        if (options.ReadConcurrency is < 1 or > PipedriveLimits.MaxReadConcurrency)
        {
            builder.AddError($"{Key}:ReadConcurrency {options.ReadConcurrency} must be between 1 and {PipedriveLimits.MaxReadConcurrency}.");
        }

        foreach (var (key, permits) in new[]
        {
            ("ApiTokenRateLimitPermits", options.ApiTokenRateLimitPermits), ("OAuthRateLimitPermits", options.OAuthRateLimitPermits),
            ("SearchRateLimitPermits", options.SearchRateLimitPermits),
        })
        {
            if (permits <= 0)
            {
                builder.AddError($"{Key}:{key} must be positive (got {permits}).");
            }
        }

        if (options.RateLimitWindow <= TimeSpan.Zero)
        {
            builder.AddError($"{Key}:RateLimitWindow must be positive (got {options.RateLimitWindow}).");
        }

        if (options.SlowDownBelow is < 0 or >= 1 || double.IsNaN(options.SlowDownBelow))
        {
            builder.AddError($"{Key}:SlowDownBelow must be at least 0 and below 1 (got {options.SlowDownBelow}).");
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
            builder.AddError($"{key} {value} must be between 1 and Pipedrive's maximum of {max}.");
        }
    }
}
