namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>A value to write: text, or the enum id of a list option.</summary>
internal sealed class AmoCrmValueInput
{
    public string? Value { get; init; }

    public long? EnumId { get; init; }
}
