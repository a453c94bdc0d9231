namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>One custom field of a record: <c>{field_id, field_name, field_code, field_type, values:[...]}</c>.</summary>
internal sealed class AmoCrmFieldValue
{
    public long FieldId { get; init; }

    public string? FieldName { get; init; }

    public string? FieldCode { get; init; }

    public string? FieldType { get; init; }

    public List<AmoCrmValue>? Values { get; init; }
}
