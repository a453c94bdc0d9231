namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>A custom field definition of an entity type (leads, companies, contacts).</summary>
internal sealed record AmoCrmCustomFieldRecord(long Id, string Name, string? Code, string Type, int Sort, IReadOnlyList<(long Id, string Value)> Enums)
{
    public bool IsList => Type is "select" or "multiselect" or "radiobutton";
}
