namespace CrmBridge.Core.ClientSuccess;

/// <summary>What one advance run did for one connection.</summary>
/// <param name="Problem">Why the connection was skipped; null when it ran.</param>
public sealed record CsAdvanceReport(string Connection, bool DryRun, IReadOnlyList<CsAdvanceItem> Items, string? Problem)
{
    public int Count(CsAdvanceOutcome outcome) => Items.Count(i => i.Outcome == outcome);

    public int CountTasks(CsTaskOutcome outcome) => Items.Sum(i => i.Tasks.Count(t => t.Outcome == outcome));

    public static CsAdvanceReport Skipped(string connection, bool dryRun, string problem) => new(connection, dryRun, [], problem);
}
