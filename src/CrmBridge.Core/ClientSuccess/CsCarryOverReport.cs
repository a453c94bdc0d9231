namespace CrmBridge.Core.ClientSuccess;

/// <summary>What one carry-over run did for one connection.</summary>
/// <param name="AlreadyCarried">Won deals carried over by earlier runs (not listed in <paramref name="Items"/>).</param>
/// <param name="Problem">Why the connection was skipped (no CS pipeline, not synced yet); null when it ran.</param>
public sealed record CsCarryOverReport(
    string Connection,
    bool DryRun,
    int WonDeals,
    int AlreadyCarried,
    IReadOnlyList<CsCarryOverItem> Items,
    string? Problem)
{
    public int Count(CsCarryOverOutcome outcome) => Items.Count(i => i.Outcome == outcome);

    public static CsCarryOverReport Skipped(string connection, bool dryRun, string problem) => new(connection, dryRun, 0, 0, [], problem);
}
