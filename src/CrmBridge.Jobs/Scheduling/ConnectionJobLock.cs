using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Jobs.Scheduling;

/// <summary>
/// A distributed lock, held in Hangfire's storage, that keeps two runs of the same job for the same connection apart,
/// also across worker processes sharing one PostgreSQL.
/// </summary>
internal static partial class ConnectionJobLock
{
    /// <summary>Takes the lock, or logs that the run is skipped and returns null when another run holds it.</summary>
    public static IDisposable? TryAcquire(JobStorage storage, string job, string connection, ILogger logger)
    {
        var lease = TryAcquire(storage, job, connection);
        if (lease is null)
        {
            LogAlreadyRunning(logger, job, connection);
        }

        return lease;
    }

    /// <summary>Takes the lock, or returns null when another run holds it.</summary>
    public static IDisposable? TryAcquire(JobStorage storage, string job, string connection)
    {
        var storageConnection = storage.GetConnection();
        try
        {
            var handle = storageConnection.AcquireDistributedLock($"crmbridge:{job}:{connection}", TimeSpan.FromSeconds(1));
            return new Lease(storageConnection, handle);
        }
        catch (DistributedLockTimeoutException)
        {
            storageConnection.Dispose();
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} of {Connection} is already running elsewhere; this run is skipped")]
    private static partial void LogAlreadyRunning(ILogger logger, string job, string connection);

    private sealed class Lease(IStorageConnection connection, IDisposable handle) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            connection.Dispose();
        }
    }
}
