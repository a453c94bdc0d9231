namespace CrmBridge.Core.Cemetery;

/// <summary>The cemetery's part of the store: staleness episodes and the outbox of alert messages.</summary>
public interface ICemeteryStore
{
    /// <summary>Episodes of the connection that have not ended.</summary>
    Task<IReadOnlyList<CemeteryEpisode>> GetOpenEpisodesAsync(string connection, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: inserts or updates the episodes (by connection, deal and start), ends the open episodes of
    /// the given deals, and enqueues the messages, skipping any whose idempotency key is already in the outbox.
    /// Returns how many messages were enqueued.
    /// </summary>
    Task<int> SaveAlertRunAsync(CemeteryAlertRun run, CancellationToken cancellationToken);

    /// <summary>Pending messages whose next attempt is due, oldest first; <paramref name="connection"/> null for all.</summary>
    Task<IReadOnlyList<CemeteryOutboxMessage>> GetDueMessagesAsync(string? connection, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a due message for one sender by moving its next attempt to <paramref name="leaseUntil"/>; false when it is
    /// no longer pending and due (another process claimed or finished it).
    /// </summary>
    Task<bool> TryClaimMessageAsync(long id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Records that the first <paramref name="partsSent"/> parts were delivered.</summary>
    Task MarkPartsSentAsync(long id, int partsSent, CancellationToken cancellationToken);

    Task MarkMessageSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt; <paramref name="nextAttemptAt"/> null parks the message as dead.</summary>
    Task MarkMessageFailedAsync(long id, string error, DateTimeOffset attemptedAt, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Messages newest first.</summary>
    Task<IReadOnlyList<CemeteryOutboxMessage>> GetMessagesAsync(CemeteryOutboxQuery query, CancellationToken cancellationToken);
}
