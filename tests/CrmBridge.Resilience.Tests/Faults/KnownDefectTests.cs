namespace CrmBridge.Resilience.Tests.Faults;

/// <summary>One skipped test per defect in <see cref="Harness.KnownDefects"/>, so each stays visible in the CI summary until fixed.</summary>
public sealed class KnownDefectTests
{
    [Fact(Skip = Harness.KnownDefects.TaskCreateLostToAKill)]
    public void TaskCreate_WhenTheWorkerIsKilledAfterTheCrmAnswered_IsNotSentAgain()
    {
    }
}
