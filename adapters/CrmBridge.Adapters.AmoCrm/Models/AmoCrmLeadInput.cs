using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>A lead to create (one item of the POST array) or the members a PATCH changes.</summary>
internal sealed class AmoCrmLeadInput
{
    public string? Name { get; init; }

    public long? Price { get; init; }

    public long? PipelineId { get; init; }

    public long? StatusId { get; init; }

    public long? ResponsibleUserId { get; init; }

    public List<AmoCrmFieldValueInput>? CustomFieldsValues { get; init; }

    [JsonPropertyName("_embedded")]
    public AmoCrmLeadInputEmbedded? Embedded { get; init; }
}
