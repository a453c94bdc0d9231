using System.Data.Common;
using System.Globalization;
using System.Text;
using CrmBridge.Core.Cemetery;
using CrmBridge.Storage.Relational.Mapping;

namespace CrmBridge.Storage.Relational;

/// <summary>
/// Staleness episodes and the alert outbox. A run's episodes and messages are written in one transaction; the outbox's
/// unique idempotency key makes a repeated enqueue a no-op, and a claim is one conditional UPDATE, so two processes
/// never deliver the same message at once.
/// </summary>
public abstract partial class RelationalCrmStore : ICemeteryStore
{
    private const string OutboxColumns =
        "id, idempotency_key, connection, channel, digest_kind, recipient, subject, parts, parts_sent, status, attempts, created_at, next_attempt_at, last_attempt_at, sent_at, last_error";

    public Task<IReadOnlyList<CemeteryEpisode>> GetOpenEpisodesAsync(string connection, CancellationToken cancellationToken) => QueryAsync(
        "SELECT connection, deal_id, started_at, last_alerted_at, alert_count, alerted_reasons, alerted_level, ended_at " +
        "FROM cemetery_episodes WHERE connection = @connection AND ended_at IS NULL ORDER BY deal_id, started_at",
        command => Dialect.AddParameter(command, "connection", connection),
        (reader, dialect) => new CemeteryEpisode(
            reader.GetString(0),
            reader.GetString(1),
            dialect.ReadTime(reader, 2),
            dialect.ReadNullableTime(reader, 3),
            CemeteryInt(reader, 4),
            (StaleReasons)CemeteryInt(reader, 5),
            CemeteryInt(reader, 6),
            dialect.ReadNullableTime(reader, 7)),
        cancellationToken);

    public async Task<int> SaveAlertRunAsync(CemeteryAlertRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        if (run.Episodes.Count > 0)
        {
            command.CommandText = """
                INSERT INTO cemetery_episodes (connection, deal_id, started_at, last_alerted_at, alert_count, alerted_reasons, alerted_level, ended_at)
                VALUES (@connection, @deal_id, @started_at, @last_alerted_at, @alert_count, @alerted_reasons, @alerted_level, @ended_at)
                ON CONFLICT (connection, deal_id, started_at) DO UPDATE SET
                    last_alerted_at = excluded.last_alerted_at, alert_count = excluded.alert_count,
                    alerted_reasons = excluded.alerted_reasons, alerted_level = excluded.alerted_level, ended_at = excluded.ended_at
                """;
            var p = new[]
            {
                Dialect.AddParameter(command, "connection", null), Dialect.AddParameter(command, "deal_id", null),
                Dialect.AddParameter(command, "started_at", null), Dialect.AddParameter(command, "last_alerted_at", null),
                Dialect.AddParameter(command, "alert_count", null), Dialect.AddParameter(command, "alerted_reasons", null),
                Dialect.AddParameter(command, "alerted_level", null), Dialect.AddParameter(command, "ended_at", null),
            };
            foreach (var episode in run.Episodes)
            {
                object?[] values =
                [
                    episode.Connection, episode.DealId, episode.StartedAt, episode.LastAlertedAt, episode.AlertCount,
                    (int)episode.AlertedReasons, episode.AlertedLevel, episode.EndedAt,
                ];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = Dialect.ToDbValue(values[i]);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            command.Parameters.Clear();
        }

        if (run.EndedDealIds.Count > 0)
        {
            command.CommandText =
                $"UPDATE cemetery_episodes SET ended_at = @ended_at WHERE connection = @connection AND ended_at IS NULL AND {Dialect.InSet("deal_id", "ids")}";
            Dialect.AddParameter(command, "ended_at", run.EndedAt);
            Dialect.AddParameter(command, "connection", run.Connection);
            Dialect.AddSetParameter(command, "ids", run.EndedDealIds);
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.Parameters.Clear();
        }

        var enqueued = 0;
        if (run.Messages.Count > 0)
        {
            command.CommandText = """
                INSERT INTO cemetery_outbox (idempotency_key, connection, channel, digest_kind, recipient, subject, parts, parts_sent, status, attempts, created_at, next_attempt_at)
                VALUES (@key, @connection, @channel, @kind, @recipient, @subject, @parts, 0, @status, 0, @created_at, @next_attempt_at)
                ON CONFLICT (idempotency_key) DO NOTHING
                """;
            var p = new[]
            {
                Dialect.AddParameter(command, "key", null), Dialect.AddParameter(command, "connection", null),
                Dialect.AddParameter(command, "channel", null), Dialect.AddParameter(command, "kind", null),
                Dialect.AddParameter(command, "recipient", null), Dialect.AddParameter(command, "subject", null),
                Dialect.AddParameter(command, "parts", null), Dialect.AddParameter(command, "status", null),
                Dialect.AddParameter(command, "created_at", null), Dialect.AddParameter(command, "next_attempt_at", null),
            };
            foreach (var message in run.Messages)
            {
                object?[] values =
                [
                    message.IdempotencyKey, message.Connection, message.Channel, message.DigestKind.ToString(), message.Recipient,
                    message.Subject, JsonText.WriteList(message.Parts), nameof(CemeteryOutboxStatus.Pending), message.CreatedAt, message.NextAttemptAt,
                ];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = Dialect.ToDbValue(values[i]);
                }

                enqueued += await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return enqueued;
    }

    public Task<IReadOnlyList<CemeteryOutboxMessage>> GetDueMessagesAsync(string? connection, DateTimeOffset now, int limit, CancellationToken cancellationToken) => QueryAsync(
        command =>
        {
            command.CommandText =
                $"SELECT {OutboxColumns} FROM cemetery_outbox WHERE status = @status AND next_attempt_at <= @now" +
                (connection is null ? "" : " AND connection = @connection") +
                " ORDER BY next_attempt_at, id LIMIT @limit";
            Dialect.AddParameter(command, "status", nameof(CemeteryOutboxStatus.Pending));
            Dialect.AddParameter(command, "now", now);
            Dialect.AddParameter(command, "limit", limit);
            if (connection is not null)
            {
                Dialect.AddParameter(command, "connection", connection);
            }
        },
        ReadOutboxMessage,
        cancellationToken);

    public async Task<bool> TryClaimMessageAsync(long id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await ExecuteCemeteryWriteAsync(
            "UPDATE cemetery_outbox SET next_attempt_at = @lease WHERE id = @id AND status = @status AND next_attempt_at <= @now",
            cancellationToken,
            ("lease", leaseUntil),
            ("id", id),
            ("status", nameof(CemeteryOutboxStatus.Pending)),
            ("now", now)) == 1;

    public Task MarkPartsSentAsync(long id, int partsSent, CancellationToken cancellationToken) => ExecuteCemeteryWriteAsync(
        "UPDATE cemetery_outbox SET parts_sent = @parts_sent WHERE id = @id",
        cancellationToken,
        ("parts_sent", partsSent),
        ("id", id));

    public Task MarkMessageSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken) => ExecuteCemeteryWriteAsync(
        "UPDATE cemetery_outbox SET status = @status, sent_at = @sent_at, last_attempt_at = @sent_at, attempts = attempts + 1, last_error = NULL WHERE id = @id",
        cancellationToken,
        ("status", nameof(CemeteryOutboxStatus.Sent)),
        ("sent_at", sentAt),
        ("id", id));

    public Task MarkMessageFailedAsync(long id, string error, DateTimeOffset attemptedAt, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken) => ExecuteCemeteryWriteAsync(
        "UPDATE cemetery_outbox SET status = @status, attempts = attempts + 1, last_attempt_at = @attempted_at, next_attempt_at = @next_attempt_at, last_error = @error WHERE id = @id",
        cancellationToken,
        ("status", nextAttemptAt is null ? nameof(CemeteryOutboxStatus.Dead) : nameof(CemeteryOutboxStatus.Pending)),
        ("attempted_at", attemptedAt),
        ("next_attempt_at", nextAttemptAt ?? attemptedAt),
        ("error", error),
        ("id", id));

    public Task<IReadOnlyList<CemeteryOutboxMessage>> GetMessagesAsync(CemeteryOutboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return QueryAsync(
            command =>
            {
                var where = new StringBuilder("1 = 1");
                AddFilter(command, where, "connection", query.Connection);
                AddFilter(command, where, "status", query.Status?.ToString());
                AddFilter(command, where, "channel", query.Channel);
                Dialect.AddParameter(command, "limit", query.Limit);
                command.CommandText = $"SELECT {OutboxColumns} FROM cemetery_outbox WHERE {where} ORDER BY id DESC LIMIT @limit";
            },
            ReadOutboxMessage,
            cancellationToken);
    }

    private static CemeteryOutboxMessage ReadOutboxMessage(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Id = reader.GetInt64(0),
        IdempotencyKey = reader.GetString(1),
        Connection = reader.GetString(2),
        Channel = reader.GetString(3),
        DigestKind = reader.GetEnum<CemeteryDigestKind>(4),
        Recipient = reader.GetString(5),
        Subject = reader.GetString(6),
        Parts = JsonText.ReadList(reader.GetString(7)),
        PartsSent = CemeteryInt(reader, 8),
        Status = reader.GetEnum<CemeteryOutboxStatus>(9),
        Attempts = CemeteryInt(reader, 10),
        CreatedAt = dialect.ReadTime(reader, 11),
        NextAttemptAt = dialect.ReadTime(reader, 12),
        LastAttemptAt = dialect.ReadNullableTime(reader, 13),
        SentAt = dialect.ReadNullableTime(reader, 14),
        LastError = reader.GetNullableString(15),
    };

    private static int CemeteryInt(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private async Task<int> ExecuteCemeteryWriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Dialect.AddParameter(command, name, value);
        }

        var changed = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }
}
