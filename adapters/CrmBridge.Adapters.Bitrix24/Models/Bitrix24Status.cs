using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>A <c>crm.status.list</c> entry of <c>DEAL_STAGE</c> / <c>DEAL_STAGE_{category}</c>: a stage.</summary>
internal sealed class Bitrix24Status
{
    [JsonPropertyName("STATUS_ID")]
    public string StatusId { get; init; } = "";

    [JsonPropertyName("NAME")]
    public string? Name { get; init; }

    [JsonPropertyName("SORT")]
    public int Sort { get; init; }

    [JsonPropertyName("CATEGORY_ID")]
    public string? CategoryId { get; init; }

    /// <summary><c>S</c> success, <c>F</c> failure, null or empty in progress.</summary>
    [JsonPropertyName("SEMANTICS")]
    public string? Semantics { get; init; }

    [JsonPropertyName("EXTRA")]
    public Bitrix24StatusExtra? Extra { get; init; }
}
