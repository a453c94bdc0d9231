namespace CrmBridge.Worker.Tests;

/// <summary>
/// Tests that run Hangfire in this process. Hangfire's log provider is process-wide: a host that starts points it at its
/// own logger factory and disposes that factory when it stops, after which Hangfire cannot create a logger (a new
/// storage, a connection) until the provider is set again. The tests of this collection run one after another, so none
/// meets a provider another one disposed under it; tests without Hangfire still run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire in-process";
}
