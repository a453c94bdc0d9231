namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>A field definition from v1 <c>GET /v1/dealFields</c> (organizationFields, personFields). Custom fields have a 40-character hash key.</summary>
internal sealed class PipedriveField
{
    public long Id { get; init; }

    public string Key { get; init; } = "";

    public string? Name { get; init; }

    /// <summary><c>varchar</c>, <c>text</c>, <c>double</c>, <c>monetary</c>, <c>enum</c>, <c>set</c>, <c>date</c>, <c>user</c>, <c>org</c>, <c>people</c>, <c>phone</c>, ...</summary>
    public string? FieldType { get; init; }

    /// <summary>True for custom fields (they can be edited), false for Pipedrive's own.</summary>
    public bool EditFlag { get; init; }

    public List<PipedriveFieldOption>? Options { get; init; }
}
