using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>A stage's <c>EXTRA</c>: <c>SEMANTICS</c> is <c>process</c>, <c>success</c>, <c>failure</c> or <c>apology</c>.</summary>
internal sealed class Bitrix24StatusExtra
{
    [JsonPropertyName("SEMANTICS")]
    public string? Semantics { get; init; }
}
