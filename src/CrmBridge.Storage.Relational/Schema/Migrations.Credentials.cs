namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>Schema for rotating OAuth tokens (amoCRM, Bitrix24); versions 30-39 are reserved for it.</summary>
    private static IReadOnlyList<Migration> Credentials { get; } =
    [
        new(30, """
            CREATE TABLE credentials (
                connection {key} NOT NULL PRIMARY KEY,
                version BIGINT NOT NULL,
                access_token TEXT NOT NULL,
                refresh_token TEXT NOT NULL,
                access_token_expires_at {timestamp} NOT NULL,
                seed_fingerprint TEXT NULL,
                lease_holder TEXT NULL,
                lease_until {timestamp} NULL,
                updated_at {timestamp} NOT NULL);
            """),
    ];
}
