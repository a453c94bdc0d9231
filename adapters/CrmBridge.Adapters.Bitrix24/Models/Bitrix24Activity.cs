using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>A <c>crm.activity.list</c> entry, as much of it as the next-activity lookup selects.</summary>
internal sealed class Bitrix24Activity
{
    [JsonPropertyName("ID")]
    public JsonElement Id { get; init; }

    [JsonPropertyName("OWNER_ID")]
    public JsonElement OwnerId { get; init; }

    [JsonPropertyName("OWNER_TYPE_ID")]
    public JsonElement OwnerTypeId { get; init; }

    [JsonPropertyName("DEADLINE")]
    public string? Deadline { get; init; }
}
