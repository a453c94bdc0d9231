using CrmBridge.Core.Errors;
using CrmBridge.Jobs;
using CrmBridge.Worker.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmBridge.Worker.Cli;

/// <summary>
/// Builds and starts the host for one CLI command (configuration validated, store migrated), runs the command, and
/// turns configuration and CRM failures into a clear message on standard error and exit code 2.
/// </summary>
internal static class CliHost
{
    /// <summary>One-shot commands print their own results; logs stay at warnings unless the configuration asks for more.</summary>
    private static readonly Dictionary<string, string?> QuietLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        [HostFailureLogCategory] = "None",
    };

    /// <summary>The host logs start-up failures with a stack trace; the CLI prints them as a message instead.</summary>
    internal const string HostFailureLogCategory = "Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host";

    public static async Task<int> RunAsync(
        CliContext context,
        string? configPath,
        Func<IServiceProvider, CancellationToken, Task<int>> command,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? extraOverrides = null)
    {
        if (configPath is not null && !File.Exists(configPath))
        {
            return Fail(context, $"--config {configPath}: file not found.");
        }

        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.AddCrmBridgeDefaults(new CrmBridgeHostSettings(configPath, Merge(extraOverrides, context.Overrides), QuietLogging))
                .AddCrmAdapters()
                .AddCrmBridgeStorage();

            // Validated by every verb, so a bad schedule is caught before `run` is ever tried.
            builder.Services.AddCrmBridgeJobs();
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            try
            {
                return await command(host.Services, cancellationToken);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            return Fail(context, message);
        }
    }

    /// <summary>A message for failures a user can fix; null for bugs, which keep their stack trace.</summary>
    internal static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException or AggregateException when ValidationFailures(exception) is { Count: > 0 } failures =>
            "Configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, failures.Select(f => "  - " + f)),
        InvalidOperationException { Message: var m } when m.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => "Configuration is invalid: " + m,
        InvalidDataException { InnerException: FormatException format } data =>
            $"Configuration is invalid: {data.Message} {format.Message} {format.InnerException?.Message}".TrimEnd(),
        CrmException crm => crm.Message,
        _ => null,
    };

    private static List<string> ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)],
        _ => [],
    };

    internal static int Fail(CliContext context, string message)
    {
        context.Error.WriteLine(message);
        return ExitCodes.Error;
    }

    /// <summary>Merges overrides; the later source wins (the caller's context has the last word over a command's own defaults).</summary>
    private static Dictionary<string, string?>? Merge(IReadOnlyDictionary<string, string?>? first, IReadOnlyDictionary<string, string?>? second)
    {
        if (first is null && second is null)
        {
            return null;
        }

        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in new[] { first, second })
        {
            foreach (var (key, value) in source ?? new Dictionary<string, string?>())
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}
