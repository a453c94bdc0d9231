using System.Data.Common;
using System.Text.Json;
using CrmBridge.Core.Hygiene;
using CrmBridge.Storage.Relational.Bulk;

namespace CrmBridge.Storage.Relational.Mapping;

internal static class HygieneMapping
{
    public const string FindingColumns =
        "id, connection, deal_id, rule, check_code, subject, subject_id, field, severity, owner_id, pipeline_id, detail, fix_value, first_seen_at, last_seen_at, resolved_at";

    public const string SweepColumns =
        "sweep_id, connection, started_at, completed_at, deals_swept, deals_skipped, findings, opened, resolved, field_health";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// New findings are inserted; one that matches the open finding of the same deal and key refreshes it and keeps
    /// its first-seen time and first sweep.
    /// </summary>
    public static BulkTable Findings { get; } = new(
        "hygiene_findings",
        [
            new("connection", ColumnKind.Text), new("deal_id", ColumnKind.Text), new("finding_key", ColumnKind.Text),
            new("rule", ColumnKind.Text), new("check_code", ColumnKind.Text), new("subject", ColumnKind.Text),
            new("subject_id", ColumnKind.Text), new("field", ColumnKind.Text), new("severity", ColumnKind.Text),
            new("owner_id", ColumnKind.Text), new("pipeline_id", ColumnKind.Text), new("detail", ColumnKind.Text),
            new("fix_value", ColumnKind.Text), new("first_seen_at", ColumnKind.Time), new("last_seen_at", ColumnKind.Time),
            new("first_sweep_id", ColumnKind.Text), new("last_sweep_id", ColumnKind.Text),
        ],
        "ON CONFLICT (connection, deal_id, finding_key) WHERE resolved_at IS NULL DO UPDATE SET " +
        "rule = excluded.rule, check_code = excluded.check_code, subject = excluded.subject, subject_id = excluded.subject_id, " +
        "field = excluded.field, severity = excluded.severity, owner_id = excluded.owner_id, pipeline_id = excluded.pipeline_id, " +
        "detail = excluded.detail, fix_value = excluded.fix_value, last_seen_at = excluded.last_seen_at, last_sweep_id = excluded.last_sweep_id");

    public static object?[] ToRow(HygieneFinding finding, HygieneSweepStart sweep) =>
    [
        sweep.Connection, finding.DealId, finding.Key, finding.Rule, finding.Check, finding.Subject, finding.SubjectId,
        finding.Field, finding.Severity.ToString(), finding.OwnerId, finding.PipelineId, finding.Detail, finding.FixValue,
        sweep.StartedAt, sweep.StartedAt, sweep.SweepId, sweep.SweepId,
    ];

    public static HygieneFinding ReadFinding(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Id = reader.GetInt64(0),
        Connection = reader.GetString(1),
        DealId = reader.GetString(2),
        Rule = reader.GetString(3),
        Check = reader.GetString(4),
        Subject = reader.GetString(5),
        SubjectId = reader.GetString(6),
        Field = reader.GetNullableString(7),
        Severity = reader.GetEnum<HygieneSeverity>(8),
        OwnerId = reader.GetNullableString(9),
        PipelineId = reader.GetNullableString(10),
        Detail = reader.GetString(11),
        FixValue = reader.GetNullableString(12),
        FirstSeenAt = dialect.ReadTime(reader, 13),
        LastSeenAt = dialect.ReadTime(reader, 14),
        ResolvedAt = dialect.ReadNullableTime(reader, 15),
    };

    public static HygieneSweepRecord ReadSweep(DbDataReader reader, RelationalDialect dialect) => new(
        reader.GetString(0),
        reader.GetString(1),
        dialect.ReadTime(reader, 2),
        dialect.ReadTime(reader, 3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        reader.GetInt64(6),
        reader.GetInt64(7),
        reader.GetInt64(8),
        ReadFieldHealth(reader.GetString(9)));

    public static string WriteFieldHealth(IReadOnlyList<HygieneFieldHealth> health) => JsonSerializer.Serialize(health, Json);

    private static IReadOnlyList<HygieneFieldHealth> ReadFieldHealth(string json) =>
        JsonSerializer.Deserialize<List<HygieneFieldHealth>>(json, Json) ?? [];
}
