using System.Text.Json;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary><c>crm.item.add</c>, <c>crm.item.update</c>, <c>crm.item.get</c>: <c>{"item":{...}}</c>.</summary>
internal sealed class Bitrix24ItemResult
{
    public Dictionary<string, JsonElement>? Item { get; init; }
}
