namespace CrmBridge.Storage.Relational.Schema;

/// <summary>
/// The mirror's schema, written once for both backends: <c>{key}</c>, <c>{timestamp}</c>, <c>{json}</c>,
/// <c>{decimal}</c>, <c>{boolean}</c> and <c>{identity}</c> become each dialect's types. Never edit a released
/// step; add a new one.
/// </summary>
internal static partial class Migrations
{
    public const string CreateHistoryTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at {timestamp} NOT NULL)";

    /// <summary>Every step in version order. Each feature keeps its steps in its own file (<c>Migrations.&lt;Feature&gt;.cs</c>),
    /// with the version numbers reserved for it there.</summary>
    public static IReadOnlyList<Migration> All => [.. Core, .. Hygiene, .. Cemetery, .. ClientSuccess, .. Credentials, .. Funnel];

    private static IReadOnlyList<Migration> Core { get; } =
    [
        new(1, """
            CREATE TABLE pipelines (
                connection {key} NOT NULL,
                external_id {key} NOT NULL,
                name TEXT NOT NULL,
                sort_order INTEGER NOT NULL,
                PRIMARY KEY (connection, external_id));

            CREATE TABLE stages (
                connection {key} NOT NULL,
                pipeline_id {key} NOT NULL,
                external_id {key} NOT NULL,
                name TEXT NOT NULL,
                sort_order INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                PRIMARY KEY (connection, pipeline_id, external_id));

            CREATE TABLE owners (
                connection {key} NOT NULL,
                external_id {key} NOT NULL,
                name TEXT NOT NULL,
                email TEXT NULL,
                PRIMARY KEY (connection, external_id));

            CREATE TABLE deals (
                connection {key} NOT NULL,
                external_id {key} NOT NULL,
                name TEXT NOT NULL,
                pipeline_id {key} NOT NULL,
                stage_id {key} NOT NULL,
                amount {decimal} NULL,
                currency TEXT NULL,
                owner_id {key} NULL,
                company_id {key} NULL,
                contact_ids {json} NOT NULL,
                created_at {timestamp} NOT NULL,
                updated_at {timestamp} NOT NULL,
                stage_entered_at {timestamp} NULL,
                last_activity_at {timestamp} NULL,
                next_activity_at {timestamp} NULL,
                status TEXT NOT NULL,
                closed_at {timestamp} NULL,
                lost_reason TEXT NULL,
                fields {json} NOT NULL,
                fingerprint TEXT NOT NULL,
                changed_at {timestamp} NOT NULL,
                last_seen_run TEXT NULL,
                removed_at {timestamp} NULL,
                PRIMARY KEY (connection, external_id));

            CREATE INDEX ix_deals_pipeline ON deals (connection, pipeline_id);

            CREATE TABLE deal_contacts (
                connection {key} NOT NULL,
                deal_id {key} NOT NULL,
                contact_id {key} NOT NULL,
                PRIMARY KEY (connection, deal_id, contact_id));

            CREATE INDEX ix_deal_contacts_contact ON deal_contacts (connection, contact_id);

            CREATE TABLE companies (
                connection {key} NOT NULL,
                external_id {key} NOT NULL,
                name TEXT NOT NULL,
                website TEXT NULL,
                inn TEXT NULL,
                industry TEXT NULL,
                phone TEXT NULL,
                updated_at {timestamp} NULL,
                fields {json} NOT NULL,
                PRIMARY KEY (connection, external_id));

            CREATE TABLE contacts (
                connection {key} NOT NULL,
                external_id {key} NOT NULL,
                full_name TEXT NOT NULL,
                position TEXT NULL,
                role TEXT NOT NULL,
                email TEXT NULL,
                phone TEXT NULL,
                company_id {key} NULL,
                updated_at {timestamp} NULL,
                fields {json} NOT NULL,
                PRIMARY KEY (connection, external_id));

            CREATE TABLE stage_transitions (
                id {identity},
                connection {key} NOT NULL,
                deal_id {key} NOT NULL,
                pipeline_id {key} NOT NULL,
                from_stage_id {key} NULL,
                to_stage_id {key} NOT NULL,
                observed_at {timestamp} NOT NULL,
                crm_changed_at {timestamp} NULL);

            CREATE INDEX ix_stage_transitions_deal ON stage_transitions (connection, deal_id, id);

            CREATE TABLE sync_cursors (
                connection {key} NOT NULL,
                entity {key} NOT NULL,
                run_id TEXT NOT NULL,
                run_is_full {boolean} NOT NULL,
                in_progress {boolean} NOT NULL,
                run_modified_since {timestamp} NULL,
                page_token TEXT NULL,
                high_water_mark {timestamp} NULL,
                run_max_modified {timestamp} NULL,
                run_started_at {timestamp} NOT NULL,
                last_completed_at {timestamp} NULL,
                last_full_sync_at {timestamp} NULL,
                PRIMARY KEY (connection, entity));

            CREATE TABLE audit_log (
                id {identity},
                connection {key} NOT NULL,
                operation TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id {key} NULL,
                idempotency_key {key} NULL,
                actor TEXT NOT NULL,
                before_value TEXT NULL,
                after_value TEXT NULL,
                outcome TEXT NOT NULL,
                error TEXT NULL,
                requested_at {timestamp} NOT NULL,
                completed_at {timestamp} NULL);

            CREATE INDEX ix_audit_log_requested ON audit_log (connection, requested_at);
            CREATE INDEX ix_audit_log_key ON audit_log (idempotency_key);
            """),
    ];

    public static string Render(string sql, RelationalDialect dialect) => sql
        .Replace("{key}", dialect.KeyType, StringComparison.Ordinal)
        .Replace("{timestamp}", dialect.TimestampType, StringComparison.Ordinal)
        .Replace("{json}", dialect.JsonType, StringComparison.Ordinal)
        .Replace("{decimal}", dialect.DecimalType, StringComparison.Ordinal)
        .Replace("{boolean}", dialect.BooleanType, StringComparison.Ordinal)
        .Replace("{identity}", dialect.IdentityColumn, StringComparison.Ordinal);
}
