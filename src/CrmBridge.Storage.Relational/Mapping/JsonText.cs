using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CrmBridge.Storage.Relational.Mapping;

/// <summary>
/// Custom fields and id lists as JSON text. Written by hand rather than by the serializer: keys are sorted so equal
/// content gives equal text (and an equal fingerprint), and the empty cases, which most rows have, cost nothing.
/// </summary>
internal static class JsonText
{
    public const string EmptyObject = "{}";
    public const string EmptyArray = "[]";

    private static readonly IReadOnlyDictionary<string, string?> NoFields = new Dictionary<string, string?>();

    public static string WriteFields(IReadOnlyDictionary<string, string?> fields)
    {
        if (fields.Count == 0)
        {
            return EmptyObject;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string WriteList(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return EmptyArray;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyDictionary<string, string?> ReadFields(string json)
    {
        if (json is EmptyObject)
        {
            return NoFields;
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            fields[key] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
        }

        return fields;
    }

    public static IReadOnlyList<string> ReadList(string json)
    {
        if (json is EmptyArray)
        {
            return [];
        }

        var values = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            values.Add(reader.GetString()!);
        }

        return values;
    }
}
