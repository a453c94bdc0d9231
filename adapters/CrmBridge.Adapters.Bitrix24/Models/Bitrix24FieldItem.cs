using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>One item of a list field: the id stored in records and the label users see.</summary>
internal sealed class Bitrix24FieldItem
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("VALUE")]
    public string? Value { get; init; }
}
