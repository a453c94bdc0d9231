using CrmBridge.Storage.Relational;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Storage.Sqlite;

/// <summary>Registers the SQLite mirror.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="SqliteCrmStore"/> as the <see cref="ICrmStore"/>, on the file named by
    /// <see cref="StorageOptions.SqlitePath"/>. Expects <see cref="IOptions{StorageOptions}"/> to be registered;
    /// uses the registered <see cref="TimeProvider"/> when there is one. Replaces an earlier store registration.
    /// </summary>
    public static IServiceCollection AddSqliteCrmStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new SqliteCrmStore(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath,
            sp.GetService<TimeProvider>()));
        services.AddStoreContracts<SqliteCrmStore>();
        return services;
    }
}
