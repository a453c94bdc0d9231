namespace CrmBridge.Sandbox.HubSpot;

internal sealed record HubSpotOwner(long Id, long UserId, string Email, string FirstName, string LastName, string DatasetKey, DateTimeOffset CreatedAt);
