namespace CrmBridge.Core.Cemetery;

/// <summary>A stale deal that is due to be alerted, with its episode as it will be once alerted.</summary>
public sealed record CemeteryDueAlert(StaleDeal Deal, CemeteryAlertCause Cause, CemeteryEpisode Episode);
