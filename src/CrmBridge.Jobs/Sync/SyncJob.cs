using CrmBridge.Core.Sync;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Jobs.Sync;

/// <summary>
/// The recurring sync of one connection. Its type and method names are persisted by Hangfire: keep them stable.
/// A run that finds another run of the same connection in progress skips rather than queueing behind it.
/// </summary>
public sealed class SyncJob(SyncEngine engine, JobStorage storage, ILogger<SyncJob> logger)
{
    public const string JobName = "sync";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string connection, bool full, CancellationToken cancellationToken)
    {
        using var lease = ConnectionJobLock.TryAcquire(storage, JobName, connection, logger);
        if (lease is null)
        {
            return;
        }

        await engine.SyncAsync(connection, full, progress: null, cancellationToken);
    }
}
