using CrmBridge.Core.Cemetery;

namespace CrmBridge.Core.Tests.Cemetery;

/// <summary>The cemetery store in memory, with the same rules as the relational one (unique keys, claims, dead letters).</summary>
internal sealed class InMemoryCemeteryStore : ICemeteryStore
{
    private readonly Lock _gate = new();
    private readonly List<CemeteryEpisode> _episodes = [];
    private readonly List<CemeteryOutboxMessage> _outbox = [];

    public IReadOnlyList<CemeteryOutboxMessage> Outbox
    {
        get
        {
            lock (_gate)
            {
                return [.. _outbox];
            }
        }
    }

    public Task<IReadOnlyList<CemeteryEpisode>> GetOpenEpisodesAsync(string connection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CemeteryEpisode>>([.. _episodes.Where(e => e.Connection == connection && e.EndedAt is null)]);
        }
    }

    public Task<int> SaveAlertRunAsync(CemeteryAlertRun run, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var episode in run.Episodes)
            {
                _episodes.RemoveAll(e => e.Connection == episode.Connection && e.DealId == episode.DealId && e.StartedAt == episode.StartedAt);
                _episodes.Add(episode);
            }

            for (var i = 0; i < _episodes.Count; i++)
            {
                if (_episodes[i].Connection == run.Connection && _episodes[i].EndedAt is null && run.EndedDealIds.Contains(_episodes[i].DealId))
                {
                    _episodes[i] = _episodes[i] with { EndedAt = run.EndedAt };
                }
            }

            var added = 0;
            foreach (var message in run.Messages.Where(m => _outbox.All(o => o.IdempotencyKey != m.IdempotencyKey)))
            {
                _outbox.Add(message with { Id = _outbox.Count + 1 });
                added++;
            }

            return Task.FromResult(added);
        }
    }

    public Task<IReadOnlyList<CemeteryOutboxMessage>> GetDueMessagesAsync(string? connection, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CemeteryOutboxMessage>>(
                [.. _outbox.Where(m => m.Status == CemeteryOutboxStatus.Pending && m.NextAttemptAt <= now && (connection is null || m.Connection == connection)).Take(limit)]);
        }
    }

    public Task<bool> TryClaimMessageAsync(long id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        Task.FromResult(Update(id, m => m.Status == CemeteryOutboxStatus.Pending && m.NextAttemptAt <= now, m => m with { NextAttemptAt = leaseUntil }));

    public Task MarkPartsSentAsync(long id, int partsSent, CancellationToken cancellationToken)
    {
        Update(id, _ => true, m => m with { PartsSent = partsSent });
        return Task.CompletedTask;
    }

    public Task MarkMessageSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        Update(id, _ => true, m => m with { Status = CemeteryOutboxStatus.Sent, SentAt = sentAt, LastAttemptAt = sentAt, Attempts = m.Attempts + 1, LastError = null });
        return Task.CompletedTask;
    }

    public Task MarkMessageFailedAsync(long id, string error, DateTimeOffset attemptedAt, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        Update(id, _ => true, m => m with
        {
            Status = nextAttemptAt is null ? CemeteryOutboxStatus.Dead : CemeteryOutboxStatus.Pending,
            Attempts = m.Attempts + 1,
            LastAttemptAt = attemptedAt,
            NextAttemptAt = nextAttemptAt ?? attemptedAt,
            LastError = error,
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CemeteryOutboxMessage>> GetMessagesAsync(CemeteryOutboxQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CemeteryOutboxMessage>>(
                [.. _outbox.Where(m => (query.Status is null || m.Status == query.Status) && (query.Connection is null || m.Connection == query.Connection)).Reverse().Take(query.Limit)]);
        }
    }

    private bool Update(long id, Func<CemeteryOutboxMessage, bool> when, Func<CemeteryOutboxMessage, CemeteryOutboxMessage> change)
    {
        lock (_gate)
        {
            var index = _outbox.FindIndex(m => m.Id == id);
            if (index < 0 || !when(_outbox[index]))
            {
                return false;
            }

            _outbox[index] = change(_outbox[index]);
            return true;
        }
    }
}
