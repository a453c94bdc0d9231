using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmPipeline
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public int Sort { get; init; }

    public bool IsMain { get; init; }

    public bool IsUnsortedOn { get; init; }

    public bool IsArchive { get; init; }

    [JsonPropertyName("_embedded")]
    public AmoCrmPipelineEmbedded? Embedded { get; init; }
}
