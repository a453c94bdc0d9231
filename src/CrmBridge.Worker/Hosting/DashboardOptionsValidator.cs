using System.Net;
using Microsoft.Extensions.Options;

namespace CrmBridge.Worker.Hosting;

/// <summary>Checks the dashboard address at start.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (!IPAddress.TryParse(options.Host, out _) && !string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            builder.AddError($"{DashboardOptions.SectionName}:Host '{options.Host}' is not an IP address or localhost.");
        }

        if (options.Port is < 1 or > 65535)
        {
            builder.AddError($"{DashboardOptions.SectionName}:Port {options.Port} must be between 1 and 65535.");
        }

        if (!options.Path.StartsWith('/'))
        {
            builder.AddError($"{DashboardOptions.SectionName}:Path '{options.Path}' must start with '/'.");
        }

        var hasUser = !string.IsNullOrWhiteSpace(options.Username);
        var hasPassword = !string.IsNullOrWhiteSpace(options.Password);
        if (options.Enabled && !options.IsLoopback && !(hasUser && hasPassword))
        {
            builder.AddError(
                $"{DashboardOptions.SectionName}:Host '{options.Host}' is reachable from other machines, so the dashboard needs a sign-in: " +
                $"set {DashboardOptions.SectionName}:Username and {DashboardOptions.SectionName}:Password (e.g. env:CRMBRIDGE_DASHBOARD_PASSWORD), or bind it to 127.0.0.1.");
        }
        else if (hasUser != hasPassword)
        {
            builder.AddError($"{DashboardOptions.SectionName}:Username and {DashboardOptions.SectionName}:Password go together; set both or neither.");
        }

        if (hasPassword)
        {
            if (!Core.Connections.SecretReference.TryResolve(options.Password, out var password, out var error))
            {
                builder.AddError($"{DashboardOptions.SectionName}:Password {error}.");
            }
            else if (password is { Length: < 8 })
            {
                builder.AddError($"{DashboardOptions.SectionName}:Password is shorter than 8 characters.");
            }
        }

        return builder.Build();
    }
}
