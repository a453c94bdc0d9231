namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>A field definition: Pipedrive's own (a readable key, not editable) or custom (a 40-character hash key).</summary>
internal sealed record PipedriveFieldRow(long Id, string Key, string Name, string FieldType, bool IsCustom, IReadOnlyList<PipedriveOptionRow> Options)
{
    public PipedriveOptionRow? Option(long id) => Options.FirstOrDefault(o => o.Id == id);

    public PipedriveOptionRow? Option(string label) => Options.FirstOrDefault(o => string.Equals(o.Label, label, StringComparison.Ordinal));
}
