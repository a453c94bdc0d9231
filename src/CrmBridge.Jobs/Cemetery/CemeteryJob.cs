using CrmBridge.Core.Cemetery;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Jobs.Cemetery;

/// <summary>
/// The recurring deal-cemetery scan of one connection: finds stale deals, sends the due digests and retries the
/// outbox. Its type and method names are persisted by Hangfire: keep them stable. A run that finds another run of
/// the same connection in progress skips.
/// </summary>
public sealed partial class CemeteryJob(CemeteryAlerter alerter, JobStorage storage, ILogger<CemeteryJob> logger)
{
    public const string JobName = "cemetery";

    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(string connection, CancellationToken cancellationToken)
    {
        using var lease = ConnectionJobLock.TryAcquire(storage, JobName, connection, logger);
        if (lease is null)
        {
            return;
        }

        var result = await alerter.RunAsync(connection, cancellationToken);
        LogDone(connection, result.Scan.StaleDeals.Count, result.Scan.OpenDeals, result.MessagesEnqueued, result.Delivery.Sent, result.Delivery.Failures.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cemetery scan of {Connection}: {Stale} stale of {Open} open deals; {Enqueued} messages enqueued, {Sent} delivered, {Failed} failed")]
    private partial void LogDone(string connection, int stale, int open, int enqueued, int sent, int failed);
}
