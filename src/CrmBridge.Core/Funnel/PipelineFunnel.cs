namespace CrmBridge.Core.Funnel;

/// <summary>Every funnel figure of one pipeline.</summary>
/// <param name="Cohorts">Per cohort, in cohort order; empty when no cohort was asked for.</param>
/// <param name="Owners">Outcomes per owner, by name.</param>
/// <param name="Reactivation">Reactivation candidates ordered by owner name, then oldest loss first.</param>
public sealed record PipelineFunnel(
    string PipelineId,
    string Name,
    FunnelFigures Overall,
    IReadOnlyList<CohortFunnel> Cohorts,
    IReadOnlyList<OwnerOutcome> Owners,
    IReadOnlyList<ReactivationCandidate> Reactivation);
