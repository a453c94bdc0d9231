using System.Data.Common;
using CrmBridge.Core.Sync;
using CrmBridge.Storage.Relational.Bulk;

namespace CrmBridge.Storage.Relational.Mapping;

internal static class CursorMapping
{
    public const string SelectColumns =
        "connection, entity, run_id, run_is_full, in_progress, run_modified_since, page_token, high_water_mark, " +
        "run_max_modified, run_started_at, last_completed_at, last_full_sync_at";

    public static BulkTable Table { get; } = BulkTable.Upsert(
        "sync_cursors",
        [
            new("connection", ColumnKind.Text),
            new("entity", ColumnKind.Text),
            new("run_id", ColumnKind.Text),
            new("run_is_full", ColumnKind.Boolean),
            new("in_progress", ColumnKind.Boolean),
            new("run_modified_since", ColumnKind.Time),
            new("page_token", ColumnKind.Text),
            new("high_water_mark", ColumnKind.Time),
            new("run_max_modified", ColumnKind.Time),
            new("run_started_at", ColumnKind.Time),
            new("last_completed_at", ColumnKind.Time),
            new("last_full_sync_at", ColumnKind.Time),
        ],
        ["connection", "entity"]);

    public static object?[] ToRow(SyncCursor cursor) =>
    [
        cursor.Connection,
        cursor.Entity,
        cursor.RunId,
        cursor.RunIsFull,
        cursor.InProgress,
        cursor.RunModifiedSince,
        cursor.PageToken,
        cursor.HighWaterMark,
        cursor.RunMaxModified,
        cursor.RunStartedAt,
        cursor.LastCompletedAt,
        cursor.LastFullSyncAt,
    ];

    public static SyncCursor Read(DbDataReader reader, RelationalDialect dialect) => new(
        Connection: reader.GetString(0),
        Entity: reader.GetString(1),
        RunId: reader.GetString(2),
        RunIsFull: reader.GetBoolean(3),
        InProgress: reader.GetBoolean(4),
        RunModifiedSince: dialect.ReadNullableTime(reader, 5),
        PageToken: reader.GetNullableString(6),
        HighWaterMark: dialect.ReadNullableTime(reader, 7),
        RunMaxModified: dialect.ReadNullableTime(reader, 8),
        RunStartedAt: dialect.ReadTime(reader, 9),
        LastCompletedAt: dialect.ReadNullableTime(reader, 10),
        LastFullSyncAt: dialect.ReadNullableTime(reader, 11));
}
