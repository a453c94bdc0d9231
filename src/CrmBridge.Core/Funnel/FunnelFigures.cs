namespace CrmBridge.Core.Funnel;

/// <summary>The funnel of one set of deals (a pipeline, a cohort of it, ...): stage rows ending with Won, outcomes and losses.</summary>
public sealed record FunnelFigures(long Deals, IReadOnlyList<FunnelStageFigures> Stages, OutcomeFigures Outcome, LostDealsFigures Lost);
