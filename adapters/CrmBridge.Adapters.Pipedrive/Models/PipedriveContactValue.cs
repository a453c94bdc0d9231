namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>One email address or phone number of a person.</summary>
internal sealed class PipedriveContactValue
{
    public string? Value { get; init; }

    public bool Primary { get; init; }

    public string? Label { get; init; }
}
