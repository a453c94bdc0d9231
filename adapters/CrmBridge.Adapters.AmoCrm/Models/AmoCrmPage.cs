using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>A HAL list answer: <c>_page</c>, <c>_links</c> and the records under <c>_embedded</c>.</summary>
internal sealed class AmoCrmPage
{
    [JsonPropertyName("_page")]
    public int? Page { get; init; }

    [JsonPropertyName("_links")]
    public AmoCrmLinks? Links { get; init; }

    [JsonPropertyName("_embedded")]
    public AmoCrmPageEmbedded? Embedded { get; init; }
}
