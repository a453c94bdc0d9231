using CrmBridge.Core.Hygiene;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Jobs.Hygiene;

/// <summary>
/// The recurring hygiene sweep of one connection, in the fix mode and with the owner tasks the configuration sets.
/// Its type and method names are persisted by Hangfire: keep them stable. A run that finds another sweep of the same
/// connection in progress skips rather than queueing behind it.
/// </summary>
public sealed partial class HygieneJob(HygieneEngine engine, JobStorage storage, ILogger<HygieneJob> logger)
{
    public const string JobName = "hygiene";

    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(string connection, CancellationToken cancellationToken)
    {
        using var lease = ConnectionJobLock.TryAcquire(storage, JobName, connection, logger);
        if (lease is null)
        {
            return;
        }

        var result = await engine.RunAsync(connection, new HygieneRunRequest($"job:{JobName}"), cancellationToken);
        var sweep = result.Sweep.Sweep;
        LogDone(connection, sweep.DealsSwept, sweep.Findings, sweep.Opened, sweep.Resolved, result.Fixes.Count, result.Tasks.Count(t => !t.AlreadyDone && t.Error is null));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hygiene sweep of {Connection}: {Deals} deals, {Findings} open findings ({Opened} new, {Resolved} resolved), {Fixes} fixes, {Tasks} tasks created")]
    private partial void LogDone(string connection, long deals, long findings, long opened, long resolved, int fixes, int tasks);
}
