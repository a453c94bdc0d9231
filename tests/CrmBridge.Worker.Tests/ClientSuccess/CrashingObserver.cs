using CrmBridge.Core.ClientSuccess;

namespace CrmBridge.Worker.Tests.ClientSuccess;

/// <summary>Kills the run (as a process crash would) right after the given step, the first time any deal reaches it.</summary>
internal sealed class CrashingObserver(CarryOverStep crashAfter) : ICarryOverObserver
{
    private int _crashed;

    public string? CrashedOn { get; private set; }

    public ValueTask OnStepAsync(CarryOverStep step, string connection, string originalId, CancellationToken cancellationToken)
    {
        if (step == crashAfter && Interlocked.Exchange(ref _crashed, 1) == 0)
        {
            CrashedOn = originalId;
            throw new SimulatedCrashException($"crashed after {step} of deal {originalId}");
        }

        return ValueTask.CompletedTask;
    }
}
