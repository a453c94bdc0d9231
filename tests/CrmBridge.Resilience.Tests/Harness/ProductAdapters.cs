using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// Registers every adapter the product ships, found by convention (a public static <c>Add{Crm}Adapter(IServiceCollection)</c>
/// in a <c>CrmBridge.Adapters.*</c> assembly), so a new CRM joins these tests without a code change here.
/// </summary>
internal static partial class ProductAdapters
{
    public static IServiceCollection AddAll(IServiceCollection services)
    {
        foreach (var method in RegistrationMethods())
        {
            method.Invoke(null, [services]);
        }

        return services;
    }

    public static IReadOnlyList<MethodInfo> RegistrationMethods() =>
        [.. Directory.GetFiles(AppContext.BaseDirectory, "CrmBridge.Adapters.*.dll")
            .Select(file => Assembly.Load(AssemblyName.GetAssemblyName(file)))
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsAbstract: true, IsSealed: true })
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(method => AdapterRegistration().IsMatch(method.Name)
                && method.GetParameters() is [{ ParameterType: var parameter }]
                && parameter == typeof(IServiceCollection))
            .OrderBy(method => method.Name, StringComparer.Ordinal)];

    [GeneratedRegex("^Add[A-Za-z0-9]+Adapter$")]
    private static partial Regex AdapterRegistration();
}
