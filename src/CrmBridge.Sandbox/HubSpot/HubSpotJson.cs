using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>Writes HubSpot response bodies straight to UTF-8 with System.Text.Json.</summary>
internal static class HubSpotJson
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

    /// <summary>Writes one object: id, the selected properties, times, archived flag and, when asked, associations.</summary>
    public static void WriteObject(
        Utf8JsonWriter w,
        HubSpotObject obj,
        IReadOnlyList<string> properties,
        IReadOnlyList<HubSpotObjectType>? associations = null)
    {
        w.WriteStartObject();
        w.WriteString("id", Format.Id(obj.Id));
        w.WriteStartObject("properties");
        foreach (var name in properties)
        {
            if (obj.Properties.TryGetValue(name, out var value) && value is not null)
            {
                w.WriteString(name, value);
            }
            else
            {
                w.WriteNull(name);
            }
        }

        w.WriteEndObject();
        w.WriteString("createdAt", Format.Time(obj.CreatedAt));
        w.WriteString("updatedAt", Format.Time(obj.UpdatedAt));
        w.WriteBoolean("archived", obj.Archived);
        if (obj.ArchivedAt is { } archivedAt)
        {
            w.WriteString("archivedAt", Format.Time(archivedAt));
        }

        if (associations is { Count: > 0 })
        {
            var written = false;
            foreach (var to in associations)
            {
                var ids = obj.AssociatedIds(to.Name);
                if (ids.Count == 0)
                {
                    continue;
                }

                if (!written)
                {
                    w.WriteStartObject("associations");
                    written = true;
                }

                var label = HubSpotSchema.AssociationLabel(obj.Type, to);
                w.WriteStartObject(to.Name);
                w.WriteStartArray("results");
                foreach (var id in ids)
                {
                    w.WriteStartObject();
                    w.WriteString("id", Format.Id(id));
                    w.WriteString("type", label);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            if (written)
            {
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }
}
