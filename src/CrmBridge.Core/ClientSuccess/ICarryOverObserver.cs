namespace CrmBridge.Core.ClientSuccess;

/// <summary>
/// Told after each durable step of a carry-over (<see cref="CarryOverStep"/>): for progress and metrics, and for tests that
/// stop a run between two steps. An exception thrown here ends the run as a crash would; the claim then expires.
/// </summary>
public interface ICarryOverObserver
{
    ValueTask OnStepAsync(CarryOverStep step, string connection, string originalId, CancellationToken cancellationToken);
}
