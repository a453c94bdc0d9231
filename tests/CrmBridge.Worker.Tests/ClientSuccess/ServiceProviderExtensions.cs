using CrmBridge.Core.ClientSuccess;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Worker.Tests.ClientSuccess;

internal static class ServiceProviderExtensions
{
    public static IClientSuccessStore GetCsStore(this IServiceProvider services) => services.GetRequiredService<IClientSuccessStore>();
}
