using CrmBridge.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Worker.Hosting;

/// <summary>Applies the store's pending migrations when the host starts, before any job or command touches it.</summary>
internal sealed class StoreMigrator(ICrmStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
