using CrmBridge.Core.ClientSuccess;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Jobs.ClientSuccess;

/// <summary>
/// The recurring carry-over of one connection's won deals into its Client Success pipeline. It writes to the CRM, so it
/// is scheduled only when <c>CrmBridge:Jobs:CsCarryOver:Enabled</c> is true. Type and method names are persisted by
/// Hangfire: keep them stable. A run that finds another run of the same connection in progress skips.
/// </summary>
public sealed partial class CsCarryOverJob(CsCarryOverEngine engine, JobStorage storage, ILogger<CsCarryOverJob> logger)
{
    public const string JobName = "cs-carry-over";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string connection, CancellationToken cancellationToken)
    {
        using var lease = ConnectionJobLock.TryAcquire(storage, JobName, connection, logger);
        if (lease is null)
        {
            return;
        }

        var report = await engine.RunAsync(connection, dryRun: false, retryRejected: false, cancellationToken);
        if (report.Problem is not null)
        {
            LogSkipped(connection, report.Problem);
            return;
        }

        LogDone(connection, report.Count(CsCarryOverOutcome.Created), report.Count(CsCarryOverOutcome.Reconciled), report.AlreadyCarried,
            report.Count(CsCarryOverOutcome.Failed) + report.Count(CsCarryOverOutcome.Rejected));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client Success carry-over of {Connection} skipped: {Problem}")]
    private partial void LogSkipped(string connection, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client Success carry-over of {Connection}: {Created} created, {Reconciled} reconciled, {Earlier} carried earlier, {Failed} failed or rejected")]
    private partial void LogDone(string connection, int created, int reconciled, int earlier, int failed);
}
