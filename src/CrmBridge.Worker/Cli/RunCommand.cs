using System.CommandLine;
using CrmBridge.Worker.Hosting;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using HangfireDashboardOptions = Hangfire.DashboardOptions;

namespace CrmBridge.Worker.Cli;

/// <summary><c>crmbridge run</c>: the Hangfire server with the recurring jobs, and the dashboard on the configured address.</summary>
internal static class RunCommand
{
    private static readonly Dictionary<string, string?> VerboseLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        [CliHost.HostFailureLogCategory] = "None",
    };

    public static Command Create(CliContext context)
    {
        var command = new Command("run", "Run the worker: Hangfire server with the recurring jobs from config, and its dashboard.");
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(CliOptions.Config), ct));
        return command;
    }

    internal static async Task<int> RunAsync(CliContext context, string? configPath, CancellationToken cancellationToken)
    {
        if (configPath is not null && !File.Exists(configPath))
        {
            return CliHost.Fail(context, $"--config {configPath}: file not found.");
        }

        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
            builder.AddCrmBridgeDefaults(new CrmBridgeHostSettings(configPath, context.Overrides, VerboseLogging))
                .AddCrmAdapters()
                .AddCrmBridgeStorage()
                .AddCrmBridgeJobs();
            builder.Services.AddHealthChecks();
            var dashboard = builder.Configuration.GetSection(Hosting.DashboardOptions.SectionName).Get<Hosting.DashboardOptions>() ?? new Hosting.DashboardOptions();
            builder.WebHost.UseUrls($"http://{dashboard.Host}:{dashboard.Port}");

            await using var app = builder.Build();
            app.MapHealthChecks("/health");
            if (dashboard.Enabled)
            {
                // Local requests only, or a sign-in (required off loopback); the storage connection string is never shown.
                app.UseHangfireDashboard(dashboard.Path, new HangfireDashboardOptions
                {
                    DisplayStorageConnectionString = false,
                    DashboardTitle = "CrmBridge jobs",
                    Authorization = DashboardAuthorization.For(dashboard),
                });
            }

            await app.StartAsync(cancellationToken);
            context.Error.WriteLine($"CrmBridge worker running; dashboard at http://{dashboard.Host}:{dashboard.Port}{dashboard.Path}. Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (Exception ex) when (CliHost.Describe(ex) is { } message)
        {
            return CliHost.Fail(context, message);
        }
    }
}
