using System.Text.Json;

namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>One value of a custom field: text, a number, a flag or (for dates) Unix seconds; list fields add the enum id.</summary>
internal sealed class AmoCrmValue
{
    public JsonElement Value { get; init; }

    public long? EnumId { get; init; }

    public string? EnumCode { get; init; }
}
