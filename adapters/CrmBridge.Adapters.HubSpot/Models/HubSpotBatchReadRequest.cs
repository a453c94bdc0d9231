namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotBatchReadRequest
{
    public List<HubSpotObjectId> Inputs { get; init; } = [];

    public List<string> Properties { get; init; } = [];
}
