namespace CrmBridge.Core.Funnel;

/// <summary>The funnel of one cohort.</summary>
public sealed record CohortFunnel(string Cohort, FunnelFigures Figures);
