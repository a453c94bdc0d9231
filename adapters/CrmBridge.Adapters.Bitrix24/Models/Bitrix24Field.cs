namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>A field definition; user fields have <c>isDynamic</c> and an <c>upperName</c> like <c>UF_CRM_1746431727372</c>.</summary>
internal sealed class Bitrix24Field
{
    public string? Type { get; init; }

    public bool IsMultiple { get; init; }

    public bool IsDynamic { get; init; }

    public bool IsReadOnly { get; init; }

    public string? Title { get; init; }

    public string? ListLabel { get; init; }

    public string? FormLabel { get; init; }

    public string? UpperName { get; init; }

    /// <summary>The items of a list (<c>enumeration</c>) field: values are stored as item ids.</summary>
    public List<Bitrix24FieldItem>? Items { get; init; }
}
