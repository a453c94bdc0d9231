namespace CrmBridge.Core.Storage;

/// <summary>Where the mirror lives, section <c>CrmBridge:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "CrmBridge:Storage";

    /// <summary><c>Sqlite</c> (embedded, the default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>The SQLite database file; relative paths are taken from the working directory.</summary>
    /// <value>Defaults to <c>data/crmbridge.db</c>.</value>
    public string SqlitePath { get; set; } = "data/crmbridge.db";

    /// <summary>The PostgreSQL connection string, or a secret reference (<c>env:NAME</c>, <c>file:/path</c>). Used for Hangfire too.</summary>
    public string? PostgresConnectionString { get; set; }
}
