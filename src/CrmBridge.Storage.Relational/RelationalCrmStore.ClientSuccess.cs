using System.Data.Common;
using CrmBridge.Core.ClientSuccess;
using CrmBridge.Storage.Relational.Mapping;

namespace CrmBridge.Storage.Relational;

/// <summary>
/// Client Success carry-overs and plan tasks. Claims are a conditional insert (<c>ON CONFLICT DO NOTHING</c>) or a
/// conditional update on an expired lease, inside a write transaction: PostgreSQL makes the second of two concurrent
/// claims wait for the first and then find nothing to do; SQLite serializes writers (<c>BEGIN IMMEDIATE</c>).
/// </summary>
public abstract partial class RelationalCrmStore : IClientSuccessStore
{
    private const string CsCarryOverColumns =
        "connection, original_id, original_name, marker, signed_at, cadence, monthly_billing, owner_id, state, claimed_by, lease_until, " +
        "attempts, copy_id, cycle, period, stage_id, error, intent_at, linked_at, completed_at, advanced_at";

    private const string CsPlanTaskColumns =
        "connection, idempotency_key, original_id, copy_id, cycle, period, task_key, subject, due_at, state, claimed_by, lease_until, " +
        "attempts, task_id, error, requested_at, created_at";

    private const string CsOpenStates = "('Pending', 'Linked')";

    public async Task<CarryOverClaim> TryClaimCarryOverAsync(CarryOverIntent intent, string claimant, DateTimeOffset now, TimeSpan lease, bool retryRejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var key = new (string, object?)[] { ("connection", intent.Connection), ("original_id", intent.OriginalId) };
        var inserted = await CsExecuteAsync(
            connection,
            transaction,
            $"""
            INSERT INTO cs_carry_overs ({CsCarryOverColumns})
            VALUES (@connection, @original_id, @original_name, @marker, @signed_at, @cadence, @monthly_billing, @owner_id, 'Pending', @claimant, @lease_until,
                    1, NULL, 0, 1, @stage_id, NULL, @now, NULL, NULL, NULL)
            ON CONFLICT DO NOTHING
            """,
            cancellationToken,
            [
                .. key,
                ("original_name", intent.OriginalName),
                ("marker", intent.Marker),
                ("signed_at", intent.SignedAt),
                ("cadence", intent.Cadence.ToString()),
                ("monthly_billing", intent.MonthlyBilling),
                ("owner_id", intent.OwnerId),
                ("claimant", claimant),
                ("lease_until", now + lease),
                ("stage_id", intent.StageId),
                ("now", now),
            ]);
        var outcome = CarryOverClaimOutcome.Claimed;
        if (inserted == 0)
        {
            var resumable = $"(state IN {CsOpenStates} AND (claimed_by IS NULL OR lease_until IS NULL OR lease_until <= @now OR claimed_by = @claimant))"
                + (retryRejected ? " OR state = 'Rejected'" : "");
            var resumed = await CsExecuteAsync(
                connection,
                transaction,
                $"""
                UPDATE cs_carry_overs
                SET claimed_by = @claimant, lease_until = @lease_until, attempts = attempts + 1,
                    state = CASE WHEN state = 'Rejected' THEN 'Pending' ELSE state END
                WHERE connection = @connection AND original_id = @original_id AND ({resumable})
                """,
                cancellationToken,
                [.. key, ("claimant", claimant), ("lease_until", now + lease), ("now", now)]);
            outcome = resumed == 1 ? CarryOverClaimOutcome.Resumed : CarryOverClaimOutcome.Busy;
        }

        var record = (await CsReadAsync(connection, transaction, $"SELECT {CsCarryOverColumns} FROM cs_carry_overs WHERE connection = @connection AND original_id = @original_id", key, CsReadCarryOver, cancellationToken))[0];
        await transaction.CommitAsync(cancellationToken);
        if (outcome == CarryOverClaimOutcome.Busy)
        {
            outcome = record.State switch
            {
                CarryOverState.Completed => CarryOverClaimOutcome.Completed,
                CarryOverState.Rejected => CarryOverClaimOutcome.Rejected,
                _ => CarryOverClaimOutcome.Busy,
            };
        }

        return new CarryOverClaim(outcome, record);
    }

    public async Task RecordCarryOverCopyAsync(string connection, string originalId, string copyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(copyId);
        var changed = await CsWriteAsync(
            """
            UPDATE cs_carry_overs
            SET copy_id = @copy_id, state = CASE WHEN state = 'Completed' THEN state ELSE 'Linked' END,
                linked_at = COALESCE(linked_at, @at), error = NULL
            WHERE connection = @connection AND original_id = @original_id AND (copy_id IS NULL OR copy_id = @copy_id)
            """,
            cancellationToken,
            ("connection", connection),
            ("original_id", originalId),
            ("copy_id", copyId),
            ("at", at));
        if (changed == 0)
        {
            var current = await GetCarryOverAsync(connection, originalId, cancellationToken);
            throw new InvalidOperationException(current is null
                ? $"No carry-over of deal {originalId} in '{connection}' is recorded; record the intent first."
                : $"Deal {originalId} in '{connection}' is already linked to copy {current.CopyId}, not {copyId}.");
        }
    }

    public async Task CompleteCarryOverAsync(string connection, string originalId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var changed = await CsWriteAsync(
            """
            UPDATE cs_carry_overs
            SET state = 'Completed', completed_at = COALESCE(completed_at, @at), claimed_by = NULL, lease_until = NULL, error = NULL
            WHERE connection = @connection AND original_id = @original_id AND copy_id IS NOT NULL
            """,
            cancellationToken,
            ("connection", connection),
            ("original_id", originalId),
            ("at", at));
        if (changed == 0)
        {
            throw new InvalidOperationException($"The carry-over of deal {originalId} in '{connection}' has no copy recorded; it cannot be completed.");
        }
    }

    public Task ReleaseCarryOverAsync(string connection, string originalId, string claimant, string? error, bool keepLease, CancellationToken cancellationToken) => CsWriteAsync(
        $"""
        UPDATE cs_carry_overs SET error = @error{(keepLease ? "" : ", claimed_by = NULL, lease_until = NULL")}
        WHERE connection = @connection AND original_id = @original_id AND claimed_by = @claimant AND state IN {CsOpenStates}
        """,
        cancellationToken,
        ("connection", connection),
        ("original_id", originalId),
        ("claimant", claimant),
        ("error", error));

    public Task RejectCarryOverAsync(string connection, string originalId, string claimant, string error, CancellationToken cancellationToken) => CsWriteAsync(
        """
        UPDATE cs_carry_overs SET state = 'Rejected', error = @error, claimed_by = NULL, lease_until = NULL
        WHERE connection = @connection AND original_id = @original_id AND claimed_by = @claimant AND state = 'Pending' AND copy_id IS NULL
        """,
        cancellationToken,
        ("connection", connection),
        ("original_id", originalId),
        ("claimant", claimant),
        ("error", error));

    public async Task<CarryOverRecord?> GetCarryOverAsync(string connection, string originalId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            $"SELECT {CsCarryOverColumns} FROM cs_carry_overs WHERE connection = @connection AND original_id = @original_id",
            command =>
            {
                Dialect.AddParameter(command, "connection", connection);
                Dialect.AddParameter(command, "original_id", originalId);
            },
            CsReadCarryOver,
            cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public Task<IReadOnlyList<CarryOverRecord>> GetCarryOversAsync(string connection, CancellationToken cancellationToken) => QueryAsync(
        $"SELECT {CsCarryOverColumns} FROM cs_carry_overs WHERE connection = @connection ORDER BY original_id",
        command => Dialect.AddParameter(command, "connection", connection),
        CsReadCarryOver,
        cancellationToken);

    public async Task SaveCalendarPositionAsync(string connection, string originalId, int cycle, int period, string stageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var changed = await CsWriteAsync(
            """
            UPDATE cs_carry_overs SET cycle = @cycle, period = @period, stage_id = @stage_id, advanced_at = @at
            WHERE connection = @connection AND original_id = @original_id AND copy_id IS NOT NULL
            """,
            cancellationToken,
            ("connection", connection),
            ("original_id", originalId),
            ("cycle", cycle),
            ("period", period),
            ("stage_id", stageId),
            ("at", at));
        if (changed == 0)
        {
            throw new InvalidOperationException($"Deal {originalId} in '{connection}' has no linked copy to move.");
        }
    }

    public async Task<bool> TryClaimPlanTaskAsync(PlanTaskIntent intent, string claimant, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var key = new (string, object?)[] { ("connection", intent.Connection), ("idempotency_key", intent.IdempotencyKey) };
        var claimed = await CsExecuteAsync(
            connection,
            transaction,
            $"""
            INSERT INTO cs_plan_tasks ({CsPlanTaskColumns})
            VALUES (@connection, @idempotency_key, @original_id, @copy_id, @cycle, @period, @task_key, @subject, @due_at, 'Pending', @claimant, @lease_until,
                    1, NULL, NULL, @now, NULL)
            ON CONFLICT DO NOTHING
            """,
            cancellationToken,
            [
                .. key,
                ("original_id", intent.OriginalId),
                ("copy_id", intent.CopyId),
                ("cycle", intent.Cycle),
                ("period", intent.Period),
                ("task_key", intent.TaskKey),
                ("subject", intent.Subject),
                ("due_at", intent.DueAt),
                ("claimant", claimant),
                ("lease_until", now + lease),
                ("now", now),
            ]);
        if (claimed == 0)
        {
            claimed = await CsExecuteAsync(
                connection,
                transaction,
                """
                UPDATE cs_plan_tasks SET claimed_by = @claimant, lease_until = @lease_until, attempts = attempts + 1
                WHERE connection = @connection AND idempotency_key = @idempotency_key AND state = 'Pending'
                  AND (claimed_by IS NULL OR lease_until IS NULL OR lease_until <= @now OR claimed_by = @claimant)
                """,
                cancellationToken,
                [.. key, ("claimant", claimant), ("lease_until", now + lease), ("now", now)]);
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed == 1;
    }

    public async Task RecordPlanTaskAsync(string connection, string idempotencyKey, string taskId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var changed = await CsWriteAsync(
            """
            UPDATE cs_plan_tasks SET state = 'Created', task_id = @task_id, created_at = @at, claimed_by = NULL, lease_until = NULL, error = NULL
            WHERE connection = @connection AND idempotency_key = @idempotency_key
            """,
            cancellationToken,
            ("connection", connection),
            ("idempotency_key", idempotencyKey),
            ("task_id", taskId),
            ("at", at));
        if (changed == 0)
        {
            throw new InvalidOperationException($"No plan task {idempotencyKey} in '{connection}' is claimed; claim it first.");
        }
    }

    public Task ReleasePlanTaskAsync(string connection, string idempotencyKey, string claimant, string? error, bool keepLease, CancellationToken cancellationToken) => CsWriteAsync(
        $"""
        UPDATE cs_plan_tasks SET error = @error{(keepLease ? "" : ", claimed_by = NULL, lease_until = NULL")}
        WHERE connection = @connection AND idempotency_key = @idempotency_key AND claimed_by = @claimant AND state = 'Pending'
        """,
        cancellationToken,
        ("connection", connection),
        ("idempotency_key", idempotencyKey),
        ("claimant", claimant),
        ("error", error));

    public Task<IReadOnlyList<PlanTaskRecord>> GetPlanTasksAsync(string connection, string? copyId, CancellationToken cancellationToken) => QueryAsync(
        $"SELECT {CsPlanTaskColumns} FROM cs_plan_tasks WHERE connection = @connection{(copyId is null ? "" : " AND copy_id = @copy_id")} " +
        "ORDER BY copy_id, cycle, period, task_key",
        command =>
        {
            Dialect.AddParameter(command, "connection", connection);
            if (copyId is not null)
            {
                Dialect.AddParameter(command, "copy_id", copyId);
            }
        },
        CsReadPlanTask,
        cancellationToken);

    private static CarryOverRecord CsReadCarryOver(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Connection = reader.GetString(0),
        OriginalId = reader.GetString(1),
        OriginalName = reader.GetString(2),
        Marker = reader.GetString(3),
        SignedAt = dialect.ReadTime(reader, 4),
        Cadence = reader.GetEnum<CsCadence>(5),
        MonthlyBilling = reader.GetBoolean(6),
        OwnerId = reader.GetNullableString(7),
        State = reader.GetEnum<CarryOverState>(8),
        ClaimedBy = reader.GetNullableString(9),
        LeaseUntil = dialect.ReadNullableTime(reader, 10),
        Attempts = reader.GetInt32(11),
        CopyId = reader.GetNullableString(12),
        Cycle = reader.GetInt32(13),
        Period = reader.GetInt32(14),
        StageId = reader.GetNullableString(15),
        Error = reader.GetNullableString(16),
        IntentAt = dialect.ReadTime(reader, 17),
        LinkedAt = dialect.ReadNullableTime(reader, 18),
        CompletedAt = dialect.ReadNullableTime(reader, 19),
        AdvancedAt = dialect.ReadNullableTime(reader, 20),
    };

    private static PlanTaskRecord CsReadPlanTask(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Connection = reader.GetString(0),
        IdempotencyKey = reader.GetString(1),
        OriginalId = reader.GetString(2),
        CopyId = reader.GetString(3),
        Cycle = reader.GetInt32(4),
        Period = reader.GetInt32(5),
        TaskKey = reader.GetString(6),
        Subject = reader.GetString(7),
        DueAt = dialect.ReadTime(reader, 8),
        State = reader.GetEnum<PlanTaskState>(9),
        ClaimedBy = reader.GetNullableString(10),
        LeaseUntil = dialect.ReadNullableTime(reader, 11),
        Attempts = reader.GetInt32(12),
        TaskId = reader.GetNullableString(13),
        Error = reader.GetNullableString(14),
        RequestedAt = dialect.ReadTime(reader, 15),
        CreatedAt = dialect.ReadNullableTime(reader, 16),
    };

    /// <summary>One statement in its own write transaction; returns the rows it changed.</summary>
    private async Task<int> CsWriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var changed = await CsExecuteAsync(connection, transaction, sql, cancellationToken, parameters);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private async Task<int> CsExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Dialect.AddParameter(command, name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<T>> CsReadAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        string sql,
        (string Name, object? Value)[] parameters,
        Func<DbDataReader, RelationalDialect, T> read,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Dialect.AddParameter(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader, Dialect));
        }

        return rows;
    }
}
