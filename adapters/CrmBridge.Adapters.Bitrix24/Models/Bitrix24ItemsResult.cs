using System.Text.Json;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary><c>crm.item.list</c>: <c>{"items":[...]}</c>; each item keeps its raw values (typed, camelCase, UF_CRM_* codes).</summary>
internal sealed class Bitrix24ItemsResult
{
    public List<Dictionary<string, JsonElement>>? Items { get; init; }
}
