using CrmBridge.Core.ClientSuccess;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Jobs.ClientSuccess;

/// <summary>
/// The recurring walk of one connection's Client Success deals along their calendar stages, creating each period's plan
/// tasks. Scheduled only when <c>CrmBridge:Jobs:CsAdvance:Enabled</c> is true. Type and method names are persisted by
/// Hangfire: keep them stable.
/// </summary>
public sealed partial class CsAdvanceJob(CsAdvanceEngine engine, JobStorage storage, ILogger<CsAdvanceJob> logger)
{
    public const string JobName = "cs-advance";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string connection, CancellationToken cancellationToken)
    {
        using var lease = ConnectionJobLock.TryAcquire(storage, JobName, connection, logger);
        if (lease is null)
        {
            return;
        }

        var report = await engine.RunAsync(connection, dryRun: false, cancellationToken);
        if (report.Problem is not null)
        {
            LogSkipped(connection, report.Problem);
            return;
        }

        LogDone(connection, report.Count(CsAdvanceOutcome.Moved), report.CountTasks(CsTaskOutcome.Created), report.Count(CsAdvanceOutcome.Failed) + report.CountTasks(CsTaskOutcome.Failed));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client Success advance of {Connection} skipped: {Problem}")]
    private partial void LogSkipped(string connection, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client Success advance of {Connection}: {Moved} deals moved, {Tasks} tasks created, {Failed} failures")]
    private partial void LogDone(string connection, int moved, int tasks, int failed);
}
