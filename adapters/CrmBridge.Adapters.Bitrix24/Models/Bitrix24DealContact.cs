using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>A <c>crm.deal.contact.items.get</c> entry.</summary>
internal sealed class Bitrix24DealContact
{
    /// <summary>A number in crm.item-era portals, a string in older ones.</summary>
    [JsonPropertyName("CONTACT_ID")]
    public JsonElement ContactId { get; init; }

    [JsonPropertyName("IS_PRIMARY")]
    public string? IsPrimary { get; init; }
}
