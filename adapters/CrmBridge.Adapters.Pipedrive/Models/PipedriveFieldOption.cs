namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>One option of an enum or set field: the id deals carry and the label users see.</summary>
internal sealed class PipedriveFieldOption
{
    public long Id { get; init; }

    public string? Label { get; init; }
}
