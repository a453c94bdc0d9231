namespace CrmBridge.Core.ClientSuccess;

/// <summary>The default observer: does nothing.</summary>
internal sealed class NullCarryOverObserver : ICarryOverObserver
{
    public ValueTask OnStepAsync(CarryOverStep step, string connection, string originalId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
