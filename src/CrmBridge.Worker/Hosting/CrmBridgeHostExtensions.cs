using CrmBridge.Alerts;
using CrmBridge.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CrmBridge.Worker.Hosting;

/// <summary>Composes the CrmBridge host; every CLI verb and <c>run</c> build on the same calls.</summary>
internal static partial class CrmBridgeHostExtensions
{
    /// <summary>The defaults file, relative to the executable and to the working directory (in that order).</summary>
    public const string DefaultsFile = "config/appsettings.json";

    /// <summary>
    /// Configuration (defaults in <c>config/appsettings.json</c>, then <c>--config</c>, then environment variables in the
    /// usual .NET form such as <c>CrmBridge__Connections__main__Token</c>, then overrides), logging to standard error, and
    /// the core services.
    /// </summary>
    public static IHostApplicationBuilder AddCrmBridgeDefaults(this IHostApplicationBuilder builder, CrmBridgeHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = builder.Configuration;
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(settings.Defaults ?? new Dictionary<string, string?>());
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, DefaultsFile), optional: true);
        configuration.AddJsonFile(Path.Combine(Environment.CurrentDirectory, DefaultsFile), optional: true);
        configuration.AddJsonFile(Path.Combine(Environment.CurrentDirectory, $"config/appsettings.{builder.Environment.EnvironmentName}.json"), optional: true);
        if (settings.ConfigPath is not null)
        {
            configuration.AddJsonFile(Path.GetFullPath(settings.ConfigPath), optional: false);
        }

        configuration.AddEnvironmentVariables();
        if (settings.Overrides is not null)
        {
            configuration.AddInMemoryCollection(settings.Overrides);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddCrmBridgeCore();
        builder.Services.AddCemeteryAlerts();
        return builder;
    }
}
