using CrmBridge.Core.Connections;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Jobs.Scheduling;

/// <summary>
/// Registers one recurring job per job definition and enabled connection at start (ids like <c>sync:main</c>), and
/// removes the recurring jobs of connections or jobs that are no longer configured or enabled.
/// </summary>
internal sealed partial class RecurringJobScheduler(
    IRecurringJobManager manager,
    JobStorage storage,
    IEnumerable<IConnectionJobDefinition> definitions,
    IOptions<CrmBridgeOptions> bridgeOptions,
    IOptions<JobsOptions> jobsOptions,
    ILogger<RecurringJobScheduler> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = jobsOptions.Value;
        JobsOptionsValidator.TryFindTimeZone(jobs.TimeZone, out var zone);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var schedule = definition.Schedule(jobs);
            if (!schedule.Enabled)
            {
                continue;
            }

            foreach (var connection in bridgeOptions.Value.EnabledConnections())
            {
                var id = RecurringJobId(definition.Name, connection.Name);
                definition.AddOrUpdate(manager, id, connection.Name, schedule.Cron, new RecurringJobOptions { TimeZone = zone });
                wanted.Add(id);
                LogScheduled(id, schedule.Cron, zone.Id);
            }
        }

        var prefixes = definitions.Select(d => d.Name + ":").ToList();
        using var storageConnection = storage.GetConnection();
        foreach (var existing in storageConnection.GetRecurringJobs())
        {
            if (prefixes.Any(p => existing.Id.StartsWith(p, StringComparison.Ordinal)) && !wanted.Contains(existing.Id))
            {
                manager.RemoveIfExists(existing.Id);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static string RecurringJobId(string job, string connection) => $"{job}:{connection}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring job {JobId} scheduled at '{Cron}' ({TimeZone})")]
    private partial void LogScheduled(string jobId, string cron, string timeZone);
}
