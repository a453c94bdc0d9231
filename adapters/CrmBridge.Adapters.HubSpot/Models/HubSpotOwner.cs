namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotOwner
{
    public string Id { get; init; } = "";

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public long? UserId { get; init; }

    public string? Type { get; init; }

    public bool Archived { get; init; }
}
