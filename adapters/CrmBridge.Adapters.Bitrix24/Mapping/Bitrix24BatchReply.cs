using System.Text.Json;

namespace CrmBridge.Adapters.Bitrix24.Mapping;

/// <summary>The sub-call results of one or more <c>batch</c> requests, by key, and the errors the portal put in <c>result_error</c>.</summary>
internal sealed class Bitrix24BatchReply
{
    public Dictionary<string, JsonElement> Results { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string? Code, string? Description)> Errors { get; } = new(StringComparer.Ordinal);
}
