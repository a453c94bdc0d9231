using System.Data.Common;
using CrmBridge.Core.Writes;

namespace CrmBridge.Storage.Relational.Mapping;

internal static class AuditMapping
{
    public const string SelectColumns =
        "id, connection, operation, entity_type, entity_id, idempotency_key, actor, before_value, after_value, outcome, error, requested_at, completed_at";

    public const string Insert =
        "INSERT INTO audit_log (connection, operation, entity_type, entity_id, idempotency_key, actor, before_value, after_value, outcome, error, requested_at, completed_at) " +
        "VALUES (@connection, @operation, @entity_type, @entity_id, @idempotency_key, @actor, @before_value, @after_value, @outcome, @error, @requested_at, @completed_at) " +
        "RETURNING id";

    /// <summary>A completion without an entity id or an after value keeps the ones recorded with the intent.</summary>
    public const string Complete =
        "UPDATE audit_log SET outcome = @outcome, entity_id = COALESCE(@entity_id, entity_id), after_value = COALESCE(@after_value, after_value), " +
        "error = @error, completed_at = @completed_at WHERE id = @id";

    public static void AddInsertParameters(DbCommand command, RelationalDialect dialect, AuditEntry entry)
    {
        dialect.AddParameter(command, "connection", entry.Connection);
        dialect.AddParameter(command, "operation", entry.Operation.ToString());
        dialect.AddParameter(command, "entity_type", entry.EntityType);
        dialect.AddParameter(command, "entity_id", entry.EntityId);
        dialect.AddParameter(command, "idempotency_key", entry.IdempotencyKey);
        dialect.AddParameter(command, "actor", entry.Actor);
        dialect.AddParameter(command, "before_value", entry.Before);
        dialect.AddParameter(command, "after_value", entry.After);
        dialect.AddParameter(command, "outcome", entry.Outcome.ToString());
        dialect.AddParameter(command, "error", entry.Error);
        dialect.AddParameter(command, "requested_at", entry.RequestedAt);
        dialect.AddParameter(command, "completed_at", entry.CompletedAt);
    }

    public static AuditEntry Read(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Id = reader.GetInt64(0),
        Connection = reader.GetString(1),
        Operation = reader.GetEnum<AuditOperation>(2),
        EntityType = reader.GetString(3),
        EntityId = reader.GetNullableString(4),
        IdempotencyKey = reader.GetNullableString(5),
        Actor = reader.GetString(6),
        Before = reader.GetNullableString(7),
        After = reader.GetNullableString(8),
        Outcome = reader.GetEnum<AuditOutcome>(9),
        Error = reader.GetNullableString(10),
        RequestedAt = dialect.ReadTime(reader, 11),
        CompletedAt = dialect.ReadNullableTime(reader, 12),
    };
}
