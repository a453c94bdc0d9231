namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>Schema for Client Success carry-over links and plan tasks; versions 20-29 are reserved for it.</summary>
    private static IReadOnlyList<Migration> ClientSuccess { get; } =
    [
        new(20, """
            CREATE TABLE cs_carry_overs (
                connection {key} NOT NULL,
                original_id {key} NOT NULL,
                original_name TEXT NOT NULL,
                marker {key} NOT NULL,
                signed_at {timestamp} NOT NULL,
                cadence TEXT NOT NULL,
                monthly_billing {boolean} NOT NULL,
                owner_id {key} NULL,
                state TEXT NOT NULL,
                claimed_by TEXT NULL,
                lease_until {timestamp} NULL,
                attempts INTEGER NOT NULL,
                copy_id {key} NULL,
                cycle INTEGER NOT NULL,
                period INTEGER NOT NULL,
                stage_id {key} NULL,
                error TEXT NULL,
                intent_at {timestamp} NOT NULL,
                linked_at {timestamp} NULL,
                completed_at {timestamp} NULL,
                advanced_at {timestamp} NULL,
                PRIMARY KEY (connection, original_id));

            CREATE UNIQUE INDEX ux_cs_carry_overs_marker ON cs_carry_overs (connection, marker);
            CREATE UNIQUE INDEX ux_cs_carry_overs_copy ON cs_carry_overs (connection, copy_id);

            CREATE TABLE cs_plan_tasks (
                connection {key} NOT NULL,
                idempotency_key {key} NOT NULL,
                original_id {key} NOT NULL,
                copy_id {key} NOT NULL,
                cycle INTEGER NOT NULL,
                period INTEGER NOT NULL,
                task_key TEXT NOT NULL,
                subject TEXT NOT NULL,
                due_at {timestamp} NOT NULL,
                state TEXT NOT NULL,
                claimed_by TEXT NULL,
                lease_until {timestamp} NULL,
                attempts INTEGER NOT NULL,
                task_id {key} NULL,
                error TEXT NULL,
                requested_at {timestamp} NOT NULL,
                created_at {timestamp} NULL,
                PRIMARY KEY (connection, idempotency_key));

            CREATE INDEX ix_cs_plan_tasks_copy ON cs_plan_tasks (connection, copy_id, cycle, period);
            """),
    ];
}
