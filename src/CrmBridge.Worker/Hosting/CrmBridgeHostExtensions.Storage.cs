using CrmBridge.Core.Storage;
using CrmBridge.Storage.Postgres;
using CrmBridge.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmBridge.Worker.Hosting;

internal static partial class CrmBridgeHostExtensions
{
    /// <summary>The store named by <c>CrmBridge:Storage:Provider</c>, validated at start and migrated before anything else runs.</summary>
    public static IHostApplicationBuilder AddCrmBridgeStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        if (IsPostgres(builder))
        {
            builder.Services.AddPostgresCrmStore();
        }
        else
        {
            builder.Services.AddSqliteCrmStore();
        }

        builder.Services.AddHostedService<StoreMigrator>();
        return builder;
    }

    private static bool IsPostgres(IHostApplicationBuilder builder) =>
        string.Equals(builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"], StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase);
}
