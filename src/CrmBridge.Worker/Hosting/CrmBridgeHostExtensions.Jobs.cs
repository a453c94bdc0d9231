using CrmBridge.Core.Connections;
using CrmBridge.Core.Storage;
using CrmBridge.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmBridge.Worker.Hosting;

internal static partial class CrmBridgeHostExtensions
{
    /// <summary>
    /// Hangfire with its server and the recurring schedules: in-memory storage beside SQLite, Hangfire.PostgreSql beside
    /// PostgreSQL (where several worker processes share one queue).
    /// </summary>
    public static IHostApplicationBuilder AddCrmBridgeJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCrmBridgeJobs();
        builder.Services.AddCrmBridgeRecurringJobs();
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());

        var postgres = IsPostgres(builder);
        var connectionString = builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.PostgresConnectionString)}"];
        builder.Services.AddHangfire(configuration =>
        {
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (postgres && SecretReference.TryResolve(connectionString, out var resolved, out _) && resolved is not null)
            {
                configuration.UsePostgreSqlStorage(options => options.UseNpgsqlConnection(resolved));
            }
            else
            {
                configuration.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer();
        return builder;
    }
}
