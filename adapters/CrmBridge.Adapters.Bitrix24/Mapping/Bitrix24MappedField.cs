using CrmBridge.Adapters.Bitrix24.Models;

namespace CrmBridge.Adapters.Bitrix24.Mapping;

/// <summary>A canonical field resolved to the portal's field: its code as sent and read (<c>UF_CRM_…</c>) and its definition.</summary>
internal sealed record Bitrix24MappedField(string Canonical, string Code, Bitrix24Field? Definition)
{
    public bool IsList => string.Equals(Definition?.Type, "enumeration", StringComparison.OrdinalIgnoreCase);

    public bool IsMultiple => Definition?.IsMultiple == true;

    /// <summary>The label of a list item id; the id itself when the item is unknown.</summary>
    public string Label(string id) =>
        Definition?.Items?.FirstOrDefault(i => i.Id == id)?.Value is { Length: > 0 } label ? label : id;

    /// <summary>The item id of a label (or of an id given as is); null when the list has no such item.</summary>
    public string? ItemId(string labelOrId) =>
        Definition?.Items?.FirstOrDefault(i => string.Equals(i.Value, labelOrId, StringComparison.OrdinalIgnoreCase))?.Id
        ?? Definition?.Items?.FirstOrDefault(i => i.Id == labelOrId)?.Id;

    public string AllowedLabels => string.Join(", ", Definition?.Items?.Select(i => $"'{i.Value}'") ?? []);
}
