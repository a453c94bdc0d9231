using System.Globalization;
using System.Text.Json;
using CrmBridge.Adapters.AmoCrm.Models;

namespace CrmBridge.Adapters.AmoCrm.Mapping;

/// <summary>
/// Reads <c>custom_fields_values</c>. A field is named in the field map by its name as users see it (the usual case),
/// by its code (<c>PHONE</c>, <c>EMAIL</c>, <c>WEB</c>) or by its numeric id; names and codes ignore case.
/// </summary>
internal static class AmoCrmFieldValues
{
    public static bool Matches(string spec, long id, string? code, string? name) =>
        (long.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var specId) && specId == id)
        || string.Equals(spec, code, StringComparison.OrdinalIgnoreCase)
        || string.Equals(spec, name?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The field's values as text, several joined with "; "; null when the record does not carry the field.</summary>
    public static string? Read(IReadOnlyList<AmoCrmFieldValue>? values, string? spec)
    {
        if (values is null || spec is null)
        {
            return null;
        }

        var field = values.FirstOrDefault(v => Matches(spec, v.FieldId, v.FieldCode, v.FieldName));
        if (field?.Values is not { Count: > 0 } items)
        {
            return null;
        }

        var texts = items.Select(v => Text(v.Value)).OfType<string>().ToList();
        return texts.Count == 0 ? null : string.Join("; ", texts);
    }

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
        _ => null,
    };
}
