using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>A <c>user.get</c> entry.</summary>
internal sealed class Bitrix24User
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("NAME")]
    public string? Name { get; init; }

    [JsonPropertyName("LAST_NAME")]
    public string? LastName { get; init; }

    [JsonPropertyName("EMAIL")]
    public string? Email { get; init; }
}
