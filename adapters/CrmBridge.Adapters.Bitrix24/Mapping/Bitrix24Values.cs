using System.Globalization;
using System.Text.Json;

namespace CrmBridge.Adapters.Bitrix24.Mapping;

/// <summary>
/// Reads Bitrix24 values in both shapes: <c>crm.item.*</c> (typed numbers, camelCase) and the legacy <c>crm.deal.*</c>
/// (every value a string, UPPER_CASE), and writes times with the portal's offset.
/// </summary>
internal static class Bitrix24Values
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>The first of <paramref name="names"/> present on the item (camelCase first, then the legacy UPPER_CASE name).</summary>
    public static JsonElement? Get(IReadOnlyDictionary<string, JsonElement> item, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (item.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public static string? String(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => NullIfEmpty(v.GetString()),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True } => "Y",
        { ValueKind: JsonValueKind.False } => "N",
        { ValueKind: JsonValueKind.Array } v => NullIfEmpty(string.Join(", ", v.EnumerateArray().Select(e => String(e)).OfType<string>())),
        _ => null,
    };

    /// <summary>An id; 0 and empty mean "none" in Bitrix24.</summary>
    public static string? Id(JsonElement? value) => String(value) is { } text && text != "0" ? text : null;

    /// <summary>Ids from an array (<c>contactIds</c>) or a single value.</summary>
    public static List<string> Ids(JsonElement? value)
    {
        if (value is not { } v)
        {
            return [];
        }

        return v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(e => Id(e)).OfType<string>().Distinct(StringComparer.Ordinal)]
            : Id(v) is { } single ? [single] : [];
    }

    public static bool TryDecimal(JsonElement? value, out decimal? result)
    {
        result = null;
        switch (value)
        {
            case null:
                return true;
            case { ValueKind: JsonValueKind.Null }:
                return true;
            case { ValueKind: JsonValueKind.Number } v when v.TryGetDecimal(out var number):
                result = number;
                return true;
            case { ValueKind: JsonValueKind.String } v:
                var text = v.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return true;
                }

                if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    result = parsed;
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>An ISO 8601 time with the portal's offset, to UTC; empty is null.</summary>
    public static bool TryTime(JsonElement? value, out DateTimeOffset? result) => TryTime(String(value), out result);

    public static bool TryTime(string? text, out DateTimeOffset? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            result = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>
    /// A time for a filter or a write, in the portal's offset and whole seconds (floored, so a <c>&gt;=</c> filter never
    /// skips the second it starts in). The portal's own offset is used because how it reads other offsets is unconfirmed.
    /// </summary>
    public static string FormatTime(DateTimeOffset value, TimeSpan portalOffset)
    {
        var floored = new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return floored.ToOffset(portalOffset).ToString(TimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>The offset of a time the portal wrote, e.g. <c>time.date_start</c> <c>2024-07-23T10:45:54+02:00</c>.</summary>
    public static TimeSpan? Offset(string? text) =>
        !string.IsNullOrWhiteSpace(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.Offset
            : null;

    /// <summary>An id as the JSON number Bitrix24 expects, or the text when it is not numeric.</summary>
    public static System.Text.Json.Nodes.JsonNode IdNode(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? System.Text.Json.Nodes.JsonValue.Create(number)
            : System.Text.Json.Nodes.JsonValue.Create(id);

    public static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
