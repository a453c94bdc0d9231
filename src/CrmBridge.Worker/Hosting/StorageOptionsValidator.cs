using CrmBridge.Core.Connections;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.Options;

namespace CrmBridge.Worker.Hosting;

/// <summary>Checks the storage settings at start; messages name the key and the bad value, never a secret.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Key = StorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        var isSqlite = string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase);
        var isPostgres = string.Equals(options.Provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase);
        if (!isSqlite && !isPostgres)
        {
            builder.AddError($"{Key}:Provider '{options.Provider}' is not supported; use {StorageProviders.Sqlite} or {StorageProviders.Postgres}.");
        }

        if (isSqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            builder.AddError($"{Key}:SqlitePath is required when Provider is {StorageProviders.Sqlite}.");
        }

        if (isPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                builder.AddError($"{Key}:PostgresConnectionString is required when Provider is {StorageProviders.Postgres} (a connection string, or env:NAME).");
            }
            else if (!SecretReference.TryResolve(options.PostgresConnectionString, out _, out var error))
            {
                builder.AddError($"{Key}:PostgresConnectionString {error}.");
            }
        }

        return builder.Build();
    }
}
