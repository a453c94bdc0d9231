using CrmBridge.Storage.Relational;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Storage.Postgres;

/// <summary>Registers the PostgreSQL mirror.</summary>
public static class PostgresServiceCollectionExtensions
{
    private const string ConnectionStringKey = StorageOptions.SectionName + ":" + nameof(StorageOptions.PostgresConnectionString);

    /// <summary>
    /// Registers a singleton <see cref="PostgresCrmStore"/> as the <see cref="ICrmStore"/>, connected with
    /// <see cref="StorageOptions.PostgresConnectionString"/> after resolving it as a <see cref="SecretReference"/>.
    /// Expects <see cref="IOptions{StorageOptions}"/> to be registered; uses the registered <see cref="TimeProvider"/>
    /// when there is one. Replaces an earlier store registration.
    /// </summary>
    /// <exception cref="InvalidOperationException">On resolving the store, when the connection string is missing or its reference cannot be resolved.</exception>
    public static IServiceCollection AddPostgresCrmStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new PostgresCrmStore(
            ResolveConnectionString(sp.GetRequiredService<IOptions<StorageOptions>>().Value),
            sp.GetService<TimeProvider>()));
        services.AddStoreContracts<PostgresCrmStore>();
        return services;
    }

    private static string ResolveConnectionString(StorageOptions options)
    {
        if (!SecretReference.TryResolve(options.PostgresConnectionString, out var resolved, out var error))
        {
            throw new InvalidOperationException($"{ConnectionStringKey} {error}.");
        }

        return string.IsNullOrWhiteSpace(resolved)
            ? throw new InvalidOperationException($"{ConnectionStringKey} is not set; the {StorageProviders.Postgres} storage provider needs a connection string or a secret reference (env:NAME, file:/path).")
            : resolved;
    }
}
