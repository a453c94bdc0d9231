using CrmBridge.Core.Hygiene.Fixes;

namespace CrmBridge.Core.Hygiene;

/// <summary>A sweep of one connection and what it did about its findings.</summary>
/// <param name="Fixes">The planned fixes (fix mode off: empty), with their write outcome in dry-run and apply modes.</param>
public sealed record HygieneRunResult(
    HygieneSweepResult Sweep,
    HygieneFixMode FixMode,
    IReadOnlyList<HygieneDealFix> Fixes,
    bool TasksRequested,
    IReadOnlyList<HygieneTaskResult> Tasks);
