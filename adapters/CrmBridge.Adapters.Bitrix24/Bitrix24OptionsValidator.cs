using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Bitrix24;

/// <summary>Checks <see cref="Bitrix24Options"/> at start; each message names the key and the bad value.</summary>
internal sealed class Bitrix24OptionsValidator : IValidateOptions<Bitrix24Options>
{
    public ValidateOptionsResult Validate(string? name, Bitrix24Options options)
    {
        var builder = new ValidateOptionsResultBuilder();
        const string Key = Bitrix24Options.SectionName;
        if (options.RequestsPerSecond is < 1 or > 100)
        {
            builder.AddError($"{Key}:RequestsPerSecond {options.RequestsPerSecond} must be between 1 and 100 (Bitrix24 drains 2 per second, 5 on Enterprise).");
        }

        if (options.Burst is < 1 or > 1000)
        {
            builder.AddError($"{Key}:Burst {options.Burst} must be between 1 and 1000 (Bitrix24 blocks above 50, 250 on Enterprise).");
        }

        foreach (var (key, value) in new[]
        {
            (nameof(Bitrix24Options.RefreshBeforeExpiry), options.RefreshBeforeExpiry),
            (nameof(Bitrix24Options.RefreshLeaseDuration), options.RefreshLeaseDuration),
            (nameof(Bitrix24Options.RefreshPollInterval), options.RefreshPollInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                builder.AddError($"{Key}:{key} must be positive (got {value}).");
            }
        }

        foreach (var error in options.Resilience.Validate($"{Key}:Resilience"))
        {
            builder.AddError(error);
        }

        return builder.Build();
    }
}
