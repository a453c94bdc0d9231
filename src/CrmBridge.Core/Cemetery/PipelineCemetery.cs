namespace CrmBridge.Core.Cemetery;

/// <summary>A pipeline's cemetery figures.</summary>
/// <param name="CemeteryShare">Stale open deals divided by open deals; 0 without open deals.</param>
/// <param name="Oldest">The longest-untouched open deals, oldest first.</param>
/// <param name="LastMovedAt">The latest activity, stage change or close of any deal in the pipeline; null without deals.</param>
/// <param name="IsGraveyard">Open deals, and nothing moved for longer than GraveyardDays.</param>
public sealed record PipelineCemetery(
    string PipelineId,
    string Name,
    PipelineRole Role,
    int OpenDeals,
    int StaleDeals,
    int NoActivityDeals,
    int NoNextActivityDeals,
    double CemeteryShare,
    IReadOnlyList<UntouchedDeal> Oldest,
    DateTimeOffset? LastMovedAt,
    double? DaysSinceLastMove,
    bool IsGraveyard);
