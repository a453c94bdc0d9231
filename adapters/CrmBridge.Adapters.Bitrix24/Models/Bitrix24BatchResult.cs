using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>
/// The <c>result</c> of a <c>batch</c> call (HTTP 200 even when sub-calls fail). Each member is an object keyed by
/// sub-call, or <c>[]</c> when empty (PHP's empty array), so they stay raw until read.
/// </summary>
internal sealed class Bitrix24BatchResult
{
    public JsonElement Result { get; init; }

    [JsonPropertyName("result_error")]
    public JsonElement ResultError { get; init; }

    [JsonPropertyName("result_total")]
    public JsonElement ResultTotal { get; init; }

    [JsonPropertyName("result_next")]
    public JsonElement ResultNext { get; init; }
}
