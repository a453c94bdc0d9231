using CrmBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Worker.Hosting;

/// <summary>Applies the store's pending migrations when the host starts, before any job or command touches it.</summary>
/// <remarks>The store is resolved in <see cref="StartAsync"/>, not injected, so that a bad storage setting is reported by
/// start-up validation together with every other configuration error instead of failing while hosted services are built.</remarks>
internal sealed class StoreMigrator(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        services.GetRequiredService<ICrmStore>().MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
