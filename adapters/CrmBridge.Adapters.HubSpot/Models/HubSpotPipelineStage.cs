using System.Text.Json;

namespace CrmBridge.Adapters.HubSpot.Models;

internal sealed class HubSpotPipelineStage
{
    public string Id { get; init; } = "";

    public string? Label { get; init; }

    public int DisplayOrder { get; init; }

    public bool Archived { get; init; }

    /// <summary><c>isClosed</c> and <c>probability</c>, documented as strings; read leniently in case a portal sends them as JSON values.</summary>
    public Dictionary<string, JsonElement>? Metadata { get; init; }
}
