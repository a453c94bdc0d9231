namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>Schema for stale-deal alerts and their outbox; versions 10-19 are reserved for it.</summary>
    private static IReadOnlyList<Migration> Cemetery { get; } =
    [
        new(10, """
            CREATE TABLE cemetery_episodes (
                connection {key} NOT NULL,
                deal_id {key} NOT NULL,
                started_at {timestamp} NOT NULL,
                last_alerted_at {timestamp} NULL,
                alert_count INTEGER NOT NULL,
                alerted_reasons INTEGER NOT NULL,
                alerted_level INTEGER NOT NULL,
                ended_at {timestamp} NULL,
                PRIMARY KEY (connection, deal_id, started_at));

            CREATE INDEX ix_cemetery_episodes_open ON cemetery_episodes (connection, ended_at);

            CREATE TABLE cemetery_outbox (
                id {identity},
                idempotency_key {key} NOT NULL,
                connection {key} NOT NULL,
                channel TEXT NOT NULL,
                digest_kind TEXT NOT NULL,
                recipient TEXT NOT NULL,
                subject TEXT NOT NULL,
                parts TEXT NOT NULL,
                parts_sent INTEGER NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                created_at {timestamp} NOT NULL,
                next_attempt_at {timestamp} NOT NULL,
                last_attempt_at {timestamp} NULL,
                sent_at {timestamp} NULL,
                last_error TEXT NULL);

            CREATE UNIQUE INDEX ux_cemetery_outbox_key ON cemetery_outbox (idempotency_key);
            CREATE INDEX ix_cemetery_outbox_due ON cemetery_outbox (status, next_attempt_at);
            """),
    ];
}
