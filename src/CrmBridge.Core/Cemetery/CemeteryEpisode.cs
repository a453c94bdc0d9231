namespace CrmBridge.Core.Cemetery;

/// <summary>
/// One stretch of time a deal stayed stale, from the scan that first found it stale to the scan that found it fresh
/// (or closed, or gone). Keyed by (connection, deal, start).
/// </summary>
/// <param name="AlertedReasons">The reasons the last alert named.</param>
/// <param name="AlertedLevel">The <see cref="StaleDeal.Level"/> the last alert named.</param>
public sealed record CemeteryEpisode(
    string Connection,
    string DealId,
    DateTimeOffset StartedAt,
    DateTimeOffset? LastAlertedAt,
    int AlertCount,
    StaleReasons AlertedReasons,
    int AlertedLevel,
    DateTimeOffset? EndedAt);
