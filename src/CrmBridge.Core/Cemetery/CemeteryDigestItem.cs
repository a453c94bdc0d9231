namespace CrmBridge.Core.Cemetery;

/// <summary>A stale deal in a digest, and why it is there now.</summary>
/// <param name="AlertNumber">1 for the episode's first alert, 2 for the next, and so on.</param>
public sealed record CemeteryDigestItem(StaleDeal Deal, CemeteryAlertCause Cause, DateTimeOffset EpisodeStartedAt, int AlertNumber);
