using CrmBridge.Core.Connections;
using CrmBridge.Jobs.Sync;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Jobs.Scheduling;

/// <summary>
/// Registers one recurring job per job and enabled connection at start (ids like <c>sync:main</c>), and removes the
/// recurring jobs of connections or jobs that are no longer configured.
/// </summary>
internal sealed partial class RecurringJobScheduler(
    IRecurringJobManager manager,
    JobStorage storage,
    IOptions<CrmBridgeOptions> bridgeOptions,
    IOptions<JobsOptions> jobsOptions,
    ILogger<RecurringJobScheduler> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = jobsOptions.Value;
        JobsOptionsValidator.TryFindTimeZone(jobs.TimeZone, out var zone);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connection in bridgeOptions.Value.EnabledConnections())
        {
            if (jobs.Sync.Enabled)
            {
                var id = RecurringJobId(SyncJob.JobName, connection.Name);
                var name = connection.Name;
                manager.AddOrUpdate<SyncJob>(id, job => job.RunAsync(name, false, CancellationToken.None), jobs.Sync.Cron, new RecurringJobOptions { TimeZone = zone });
                wanted.Add(id);
                LogScheduled(id, jobs.Sync.Cron, zone.Id);
            }
        }

        using var storageConnection = storage.GetConnection();
        foreach (var existing in storageConnection.GetRecurringJobs())
        {
            if (existing.Id.StartsWith(SyncJob.JobName + ":", StringComparison.Ordinal) && !wanted.Contains(existing.Id))
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
