using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Adapters.Pipedrive.Models;

namespace CrmBridge.Adapters.Pipedrive.Mapping;

/// <summary>
/// Custom field values between Pipedrive's wire shapes and the common model's text: enum option ids become their labels,
/// set fields a ';'-separated list of labels, numbers invariant text, objects (monetary, address, linked records) their
/// <c>value</c>. Writing reverses it: labels (or option ids) become option ids.
/// </summary>
internal static class PipedriveFieldValues
{
    public const char SetSeparator = ';';

    public static string? Read(PipedriveField field, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.Array:
                var parts = value.EnumerateArray().Select(item => Read(field, item)).OfType<string>().ToList();
                return parts.Count == 0 ? null : string.Join(SetSeparator, parts);
            case JsonValueKind.Object:
                return value.TryGetProperty("value", out var inner) ? Read(field, inner)
                    : value.TryGetProperty("id", out var id) ? Read(field, id)
                    : value.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (IsOptionField(field))
        {
            var labels = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part => Label(field, part));
            return string.Join(SetSeparator, labels);
        }

        return text;
    }

    /// <summary>The JSON value a write sends for <paramref name="text"/>; null clears the field.</summary>
    /// <exception cref="PipedriveFieldMapException">The text is not a value the field accepts.</exception>
    public static JsonNode? Write(string canonical, PipedriveField field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        switch (field.FieldType)
        {
            case "enum":
                return JsonValue.Create(OptionId(canonical, field, text.Trim()));
            case "set":
                var ids = new JsonArray();
                foreach (var part in text.Split(SetSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    ids.Add(JsonValue.Create(OptionId(canonical, field, part)));
                }

                return ids;
            case "double" or "monetary" or "int":
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : throw new PipedriveFieldMapException(canonical, $"takes a number, not '{text}'");
            case "user" or "org" or "people":
                return PipedriveValues.TryParseId(text, out var id)
                    ? JsonValue.Create(id)
                    : throw new PipedriveFieldMapException(canonical, $"takes a Pipedrive id, not '{text}'");
            default:
                return JsonValue.Create(text);
        }
    }

    private static bool IsOptionField(PipedriveField field) => field.FieldType is "enum" or "set" && field.Options is { Count: > 0 };

    private static string Label(PipedriveField field, string idText) =>
        long.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
        && field.Options!.FirstOrDefault(o => o.Id == id) is { Label: { } label }
            ? label
            : idText;

    private static long OptionId(string canonical, PipedriveField field, string labelOrId)
    {
        var options = field.Options ?? [];
        if (options.FirstOrDefault(o => string.Equals(o.Label?.Trim(), labelOrId, StringComparison.OrdinalIgnoreCase)) is { } byLabel)
        {
            return byLabel.Id;
        }

        if (long.TryParse(labelOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && options.Any(o => o.Id == id))
        {
            return id;
        }

        throw new PipedriveFieldMapException(
            canonical, $"has no option '{labelOrId}' in Pipedrive field '{field.Name}'; allowed: {string.Join(", ", options.Select(o => o.Label))}");
    }
}
