namespace CrmBridge.Core.Funnel;

/// <summary>Which deals a funnel covers.</summary>
/// <param name="Pipeline">A pipeline id or name; null for the connection's sales pipelines.</param>
/// <param name="From">Only deals created at or after this time.</param>
/// <param name="To">Only deals created before this time (exclusive).</param>
/// <param name="Cohort">Group into cohorts as well; null for none.</param>
public sealed record FunnelRequest(
    string Connection,
    string? Pipeline = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    FunnelCohort? Cohort = null);
