namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary><c>crm.item.fields</c>: <c>{"fields":{key:{...}}}</c>.</summary>
internal sealed class Bitrix24FieldsResult
{
    public Dictionary<string, Bitrix24Field>? Fields { get; init; }
}
