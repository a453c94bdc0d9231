namespace CrmBridge.Core.Funnel;

/// <summary>The funnel figures of one connection.</summary>
/// <param name="From">Deals created at or after this time; null for no lower bound.</param>
/// <param name="To">Deals created before this time; null for no upper bound.</param>
/// <param name="Cohort">The cohort grouping, null for none.</param>
public sealed record FunnelReport(
    string Connection,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Cohort,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<PipelineFunnel> Pipelines);
