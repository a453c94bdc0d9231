namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>
    /// Schema for hygiene findings; versions 2-9 are reserved for it. A finding row lives from the sweep that first
    /// saw it until the sweep that no longer does (resolved_at); at most one open row per deal and key, and the
    /// resolved rows are the history.
    /// </summary>
    private static IReadOnlyList<Migration> Hygiene { get; } =
    [
        new(2, """
            CREATE TABLE hygiene_findings (
                id {identity},
                connection {key} NOT NULL,
                deal_id {key} NOT NULL,
                finding_key TEXT NOT NULL,
                rule TEXT NOT NULL,
                check_code TEXT NOT NULL,
                subject TEXT NOT NULL,
                subject_id {key} NOT NULL,
                field TEXT NULL,
                severity TEXT NOT NULL,
                owner_id {key} NULL,
                pipeline_id {key} NULL,
                detail TEXT NOT NULL,
                fix_value TEXT NULL,
                first_seen_at {timestamp} NOT NULL,
                last_seen_at {timestamp} NOT NULL,
                first_sweep_id {key} NOT NULL,
                last_sweep_id {key} NOT NULL,
                resolved_at {timestamp} NULL);

            CREATE UNIQUE INDEX ux_hygiene_findings_open ON hygiene_findings (connection, deal_id, finding_key) WHERE resolved_at IS NULL;
            CREATE INDEX ix_hygiene_findings_deal ON hygiene_findings (connection, deal_id, finding_key, first_seen_at);

            CREATE TABLE hygiene_sweeps (
                sweep_id {key} NOT NULL,
                connection {key} NOT NULL,
                started_at {timestamp} NOT NULL,
                completed_at {timestamp} NOT NULL,
                deals_swept BIGINT NOT NULL,
                deals_skipped BIGINT NOT NULL,
                findings BIGINT NOT NULL,
                opened BIGINT NOT NULL,
                resolved BIGINT NOT NULL,
                field_health TEXT NOT NULL,
                PRIMARY KEY (connection, sweep_id));

            CREATE INDEX ix_hygiene_sweeps_completed ON hygiene_sweeps (connection, completed_at);
            """),
    ];
}
