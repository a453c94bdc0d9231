namespace CrmBridge.Core.Cemetery;

/// <summary>What one scan means for the episodes.</summary>
/// <param name="Due">Deals to alert now (their episodes already carry this alert).</param>
/// <param name="Started">New episodes of deals not due (none, unless nothing can be sent).</param>
/// <param name="Quiet">Deals still stale but inside their cool-down, by deal id.</param>
/// <param name="Ended">Deal ids whose open episode ends: fresh again, closed or gone.</param>
public sealed record CemeteryEpisodePlan(
    IReadOnlyList<CemeteryDueAlert> Due,
    IReadOnlyList<CemeteryEpisode> Started,
    IReadOnlyList<StaleDeal> Quiet,
    IReadOnlyList<string> Ended);
