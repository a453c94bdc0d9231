namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotPipeline
{
    public string Id { get; init; } = "";

    public string? Label { get; init; }

    public int DisplayOrder { get; init; }

    public bool Archived { get; init; }

    public List<HubSpotPipelineStage>? Stages { get; init; }
}
