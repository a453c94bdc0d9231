using System.Reflection;
using System.Text.RegularExpressions;
using CrmBridge.Core;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Hygiene;
using CrmBridge.Storage.Postgres;
using CrmBridge.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Bench.Runs;

/// <summary>
/// The product's services as the worker composes them (core, every adapter found by convention, the store named by
/// configuration, hygiene and cemetery), over in-memory configuration.
/// </summary>
internal static partial class ProductServices
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> configuration, bool dealsOnly = false)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddCrmBridgeCore();
        foreach (var method in AdapterRegistrations())
        {
            method.Invoke(null, [services]);
        }

        if (string.Equals(configuration.GetValueOrDefault("CrmBridge:Storage:Provider"), "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            services.AddPostgresCrmStore();
        }
        else
        {
            services.AddSqliteCrmStore();
        }

        services.AddOptions<Core.Storage.StorageOptions>().BindConfiguration(Core.Storage.StorageOptions.SectionName);
        services.AddCrmBridgeHygiene();
        services.AddCemetery();
        if (dealsOnly)
        {
            DealsOnlyAdapter.Decorate(services);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Every public static <c>Add{Crm}Adapter(IServiceCollection)</c> in a <c>CrmBridge.Adapters.*</c> assembly next to the bench.</summary>
    private static IEnumerable<MethodInfo> AdapterRegistrations() =>
        Directory.GetFiles(AppContext.BaseDirectory, "CrmBridge.Adapters.*.dll")
            .Select(file => Assembly.Load(AssemblyName.GetAssemblyName(file)))
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsAbstract: true, IsSealed: true })
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(method => AdapterRegistration().IsMatch(method.Name)
                && method.GetParameters() is [{ ParameterType: var parameter }]
                && parameter == typeof(IServiceCollection));

    [GeneratedRegex("^Add[A-Za-z0-9]+Adapter$")]
    private static partial Regex AdapterRegistration();
}
