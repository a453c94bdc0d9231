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

        return builder.Build();
    }
}
