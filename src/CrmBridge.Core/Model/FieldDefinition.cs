namespace CrmBridge.Core.Model;

/// <summary>A field the CRM defines on an entity, with its options when it is a list.</summary>
public sealed record FieldDefinition(
    string Entity,
    string Key,
    string Label,
    string Type,
    bool IsCustom,
    IReadOnlyList<FieldOption> Options);
