using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>Writes amoCRM response bodies straight to UTF-8.</summary>
internal static class AmoCrmJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteNullableNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void WriteSelfLink(Utf8JsonWriter w, string href)
    {
        w.WriteStartObject("_links");
        w.WriteStartObject("self");
        w.WriteString("href", href);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
