using System.Net.Mail;
using CrmBridge.Core.Connections;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Cemetery;

/// <summary>Checks the cemetery's configuration at start. Messages name the key and the bad value, except for secrets, which are never printed.</summary>
public sealed class CemeteryOptionsValidator : IValidateOptions<CemeteryOptions>
{
    private const string Key = CemeteryOptions.SectionName;

    /// <summary>The values <see cref="EmailChannelOptions.Security"/> accepts (MailKit's SecureSocketOptions).</summary>
    public static IReadOnlyList<string> EmailSecurityValues { get; } = ["Auto", "None", "StartTls", "StartTlsWhenAvailable", "SslOnConnect"];

    public ValidateOptionsResult Validate(string? name, CemeteryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.TimeZone is not null && !CemeteryTimeZone.TryFind(options.TimeZone, out _))
        {
            errors.Add($"{Key}:TimeZone '{options.TimeZone}' is not a known time zone id (e.g. UTC, Europe/Moscow).");
        }

        if (options.DayCounting == CemeteryDayCounting.BusinessDays && options.EffectiveWeekend.Distinct().Count() >= 7)
        {
            errors.Add($"{Key}:Weekend lists every day of the week, so no business day is left.");
        }

        Rules(errors, "Sales", options.Sales);
        Rules(errors, "ClientSuccess", options.ClientSuccess);
        Positive(errors, "GraveyardDays", options.GraveyardDays);
        if (options.OldestDealsShown < 0)
        {
            errors.Add($"{Key}:OldestDealsShown must be 0 or more (got {options.OldestDealsShown}).");
        }

        if (options.CoolDownDays < 0)
        {
            errors.Add($"{Key}:CoolDownDays must be 0 or more (got {options.CoolDownDays}).");
        }

        foreach (var (owner, person) in options.Owners)
        {
            if (person.Manager is { } manager && !options.Managers.ContainsKey(manager))
            {
                errors.Add($"{Key}:Owners:{owner}:Manager '{manager}' is not a key under {Key}:Managers.");
            }

            Email(errors, $"Owners:{owner}:Email", person.Email);
        }

        foreach (var (manager, person) in options.Managers)
        {
            Email(errors, $"Managers:{manager}:Email", person.Email);
        }

        if (options.DefaultManager is { } fallback && !options.Managers.ContainsKey(fallback))
        {
            errors.Add($"{Key}:DefaultManager '{fallback}' is not a key under {Key}:Managers.");
        }

        Channels(errors, options.Channels);
        Delivery(errors, options.Delivery);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Rules(List<string> errors, string section, CemeteryRulesOptions rules)
    {
        Positive(errors, $"{section}:DefaultThresholdDays", rules.DefaultThresholdDays);
        foreach (var (stage, days) in rules.StageThresholdDays)
        {
            Positive(errors, $"{section}:StageThresholdDays:{stage}", days);
        }
    }

    private static void Channels(List<string> errors, CemeteryChannelsOptions channels)
    {
        if (channels.Slack.Enabled)
        {
            SecretUrl(errors, "Channels:Slack:WebhookUrl", channels.Slack.WebhookUrl, required: true);
        }

        if (channels.Telegram.Enabled)
        {
            Secret(errors, "Channels:Telegram:BotToken", channels.Telegram.BotToken, required: true);
            if (!channels.Telegram.ApiBaseUrl.IsAbsoluteUri)
            {
                errors.Add($"{Key}:Channels:Telegram:ApiBaseUrl '{channels.Telegram.ApiBaseUrl}' must be an absolute URL.");
            }
        }

        var email = channels.Email;
        if (email.Enabled)
        {
            if (string.IsNullOrWhiteSpace(email.Host))
            {
                errors.Add($"{Key}:Channels:Email:Host is required when the email channel is enabled.");
            }

            if (email.Port is < 1 or > 65535)
            {
                errors.Add($"{Key}:Channels:Email:Port {email.Port} is not a TCP port (1-65535).");
            }

            if (!EmailSecurityValues.Contains(email.Security, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{Key}:Channels:Email:Security '{email.Security}' is not one of {string.Join(", ", EmailSecurityValues)}.");
            }

            if (string.IsNullOrWhiteSpace(email.From))
            {
                errors.Add($"{Key}:Channels:Email:From is required when the email channel is enabled.");
            }
            else
            {
                Email(errors, "Channels:Email:From", email.From);
            }

            Secret(errors, "Channels:Email:Password", email.Password, required: false);
            if (!string.IsNullOrEmpty(email.Password) && string.IsNullOrWhiteSpace(email.Username))
            {
                errors.Add($"{Key}:Channels:Email:Password is set but Channels:Email:Username is not.");
            }
        }

        if (channels.Webhook.Enabled)
        {
            SecretUrl(errors, "Channels:Webhook:Url", channels.Webhook.Url, required: true);
        }

        if (channels.CrmTask.Enabled && channels.CrmTask.DueInDays < 0)
        {
            errors.Add($"{Key}:Channels:CrmTask:DueInDays must be 0 or more (got {channels.CrmTask.DueInDays}).");
        }
    }

    private static void Delivery(List<string> errors, CemeteryDeliveryOptions delivery)
    {
        if (delivery.HttpRetries is < 0 or > 10)
        {
            errors.Add($"{Key}:Delivery:HttpRetries must be between 0 and 10 (got {delivery.HttpRetries}).");
        }

        foreach (var (name, value) in new[]
        {
            ("HttpRetryDelay", delivery.HttpRetryDelay), ("HttpTimeout", delivery.HttpTimeout),
            ("OutboxRetryDelay", delivery.OutboxRetryDelay), ("OutboxMaxRetryDelay", delivery.OutboxMaxRetryDelay),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{Key}:Delivery:{name} must be positive (got {value}).");
            }
        }

        if (delivery.MaxAttempts < 1)
        {
            errors.Add($"{Key}:Delivery:MaxAttempts must be 1 or more (got {delivery.MaxAttempts}).");
        }
    }

    private static void Positive(List<string> errors, string key, int value)
    {
        if (value <= 0)
        {
            errors.Add($"{Key}:{key} must be a positive number of days (got {value}).");
        }
    }

    private static void Email(List<string> errors, string key, string? address)
    {
        if (!string.IsNullOrWhiteSpace(address) && !MailAddress.TryCreate(address, out _))
        {
            errors.Add($"{Key}:{key} '{address}' is not an email address.");
        }
    }

    private static string? Secret(List<string> errors, string key, string? reference, bool required)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            if (required)
            {
                errors.Add($"{Key}:{key} is required when the channel is enabled (a secret reference such as env:NAME or file:/path).");
            }

            return null;
        }

        if (!SecretReference.TryResolve(reference, out var value, out var error))
        {
            errors.Add($"{Key}:{key} {error}.");
            return null;
        }

        return value;
    }

    private static void SecretUrl(List<string> errors, string key, string? reference, bool required)
    {
        if (Secret(errors, key, reference, required) is { } value
            && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            // The value is the secret: say what is wrong, never what it is.
            errors.Add($"{Key}:{key} does not resolve to an absolute http(s) URL.");
        }
    }
}
