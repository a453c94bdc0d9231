namespace CrmBridge.Core.Cemetery;

/// <summary>One owner's line in a manager's roll-up.</summary>
/// <param name="StaleDeals">Every stale deal of the owner, alerted now or before.</param>
/// <param name="AlertedNow">Those in this digest.</param>
public sealed record CemeteryTeamLine(string? OwnerId, string OwnerName, int StaleDeals, int AlertedNow, int OldestIdleDays);
