using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.HubSpot;

/// <summary>Checks <see cref="HubSpotOptions"/> at start; each message names the key and the bad value.</summary>
internal sealed class HubSpotOptionsValidator : IValidateOptions<HubSpotOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSpotOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        const string Key = HubSpotOptions.SectionName;
        if (!options.BaseUrl.IsAbsoluteUri || (options.BaseUrl.Scheme != Uri.UriSchemeHttp && options.BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            builder.AddError($"{Key}:BaseUrl '{options.BaseUrl}' must be an absolute http or https URL.");
        }

        Range(builder, $"{Key}:PageSize", options.PageSize, HubSpotLimits.MaxPageSize);
        Range(builder, $"{Key}:SearchPageSize", options.SearchPageSize, HubSpotLimits.MaxSearchPageSize);
        Range(builder, $"{Key}:BatchReadSize", options.BatchReadSize, HubSpotLimits.MaxBatchReadSize);
        if (options.RateLimitPermits <= 0 || options.RateLimitWindow <= TimeSpan.Zero)
        {
            builder.AddError($"{Key}: RateLimitPermits and RateLimitWindow must be positive (got {options.RateLimitPermits} per {options.RateLimitWindow}).");
        }

        if (options.SearchRateLimitPermits <= 0 || options.SearchRateLimitWindow <= TimeSpan.Zero)
        {
            builder.AddError($"{Key}: SearchRateLimitPermits and SearchRateLimitWindow must be positive (got {options.SearchRateLimitPermits} per {options.SearchRateLimitWindow}).");
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
            builder.AddError($"{key} {value} must be between 1 and HubSpot's maximum of {max}.");
        }
    }
}
