using CrmBridge.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmBridge.Adapters.Http;

/// <summary>Registers the shared CRM HTTP plumbing; every adapter's <c>AddXxxAdapter</c> calls it.</summary>
public static class CrmHttpServiceCollectionExtensions
{
    public static IServiceCollection AddCrmHttp(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CrmRequestMeter>();
        services.TryAddSingleton<CrmHttpClientProvider>();
        return services;
    }
}
