using System.Data.Common;
using System.Globalization;
using CrmBridge.Core.Credentials;
using CrmBridge.Storage.Relational.Mapping;

namespace CrmBridge.Storage.Relational;

/// <summary>
/// Rotating OAuth token pairs. Every write is one conditional statement in a write transaction, so the version check
/// and the change are atomic on both backends (SQLite: BEGIN IMMEDIATE; PostgreSQL: the row lock of the UPDATE).
/// </summary>
public abstract partial class RelationalCrmStore : ICredentialStore
{
    private const string CredentialColumns =
        "connection, version, access_token, refresh_token, access_token_expires_at, seed_fingerprint, lease_holder, lease_until, updated_at";

    public async Task<StoredCredential?> GetCredentialAsync(string connection, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        var found = await QueryAsync(
            $"SELECT {CredentialColumns} FROM credentials WHERE connection = @connection",
            command => Dialect.AddParameter(command, "connection", connection),
            ReadCredential,
            cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<StoredCredential?> TrySaveCredentialAsync(
        string connection, long? expectedVersion, CredentialPair pair, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        ArgumentNullException.ThrowIfNull(pair);
        var sql = expectedVersion is null
            ? """
              INSERT INTO credentials (connection, version, access_token, refresh_token, access_token_expires_at, seed_fingerprint, lease_holder, lease_until, updated_at)
              VALUES (@connection, 1, @access_token, @refresh_token, @expires_at, @seed, NULL, NULL, @now)
              ON CONFLICT (connection) DO NOTHING
              """
            : """
              UPDATE credentials SET version = version + 1, access_token = @access_token, refresh_token = @refresh_token,
                  access_token_expires_at = @expires_at, seed_fingerprint = @seed, lease_holder = NULL, lease_until = NULL, updated_at = @now
              WHERE connection = @connection AND version = @version
              """;
        var changed = await ExecuteCredentialWriteAsync(sql, cancellationToken, command =>
        {
            Dialect.AddParameter(command, "connection", connection);
            Dialect.AddParameter(command, "access_token", pair.AccessToken);
            Dialect.AddParameter(command, "refresh_token", pair.RefreshToken);
            Dialect.AddParameter(command, "expires_at", pair.AccessTokenExpiresAt);
            Dialect.AddParameter(command, "seed", pair.SeedFingerprint);
            Dialect.AddParameter(command, "now", now);
            if (expectedVersion is { } version)
            {
                Dialect.AddParameter(command, "version", version);
            }
        });
        if (changed == 0)
        {
            return null;
        }

        return new StoredCredential
        {
            Connection = connection,
            Version = (expectedVersion ?? 0) + 1,
            Pair = pair,
            UpdatedAt = now,
        };
    }

    public async Task<bool> TryAcquireRefreshLeaseAsync(
        string connection, long expectedVersion, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        var changed = await ExecuteCredentialWriteAsync(
            """
            UPDATE credentials SET lease_holder = @holder, lease_until = @until
            WHERE connection = @connection AND version = @version
              AND (lease_until IS NULL OR lease_until <= @now OR lease_holder = @holder)
            """,
            cancellationToken,
            command =>
            {
                Dialect.AddParameter(command, "connection", connection);
                Dialect.AddParameter(command, "version", expectedVersion);
                Dialect.AddParameter(command, "holder", holder);
                Dialect.AddParameter(command, "now", now);
                Dialect.AddParameter(command, "until", now + duration);
            });
        return changed == 1;
    }

    public async Task ReleaseRefreshLeaseAsync(string connection, string holder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        await ExecuteCredentialWriteAsync(
            "UPDATE credentials SET lease_holder = NULL, lease_until = NULL WHERE connection = @connection AND lease_holder = @holder",
            cancellationToken,
            command =>
            {
                Dialect.AddParameter(command, "connection", connection);
                Dialect.AddParameter(command, "holder", holder);
            });
    }

    private static StoredCredential ReadCredential(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Connection = reader.GetString(0),
        Version = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
        Pair = new CredentialPair(reader.GetString(2), reader.GetString(3), dialect.ReadTime(reader, 4), reader.GetNullableString(5)),
        LeaseHolder = reader.GetNullableString(6),
        LeaseUntil = dialect.ReadNullableTime(reader, 7),
        UpdatedAt = dialect.ReadTime(reader, 8),
    };

    private async Task<int> ExecuteCredentialWriteAsync(string sql, CancellationToken cancellationToken, Action<DbCommand> bind)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        var changed = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }
}
