namespace CrmBridge.Core.Cemetery;

/// <summary>What one alerting scan decided, saved at once: the episodes it started or alerted, those it ended, and the messages to send.</summary>
public sealed record CemeteryAlertRun(
    string Connection,
    IReadOnlyList<CemeteryEpisode> Episodes,
    IReadOnlyList<string> EndedDealIds,
    DateTimeOffset EndedAt,
    IReadOnlyList<CemeteryOutboxMessage> Messages);
