using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Worker.Output;

/// <summary>The JSON settings every report uses: camelCase, enums as strings, indented.</summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The same, on one line (one record per line in streamed arrays).</summary>
    public static JsonSerializerOptions CompactOptions { get; } = new(Options) { WriteIndented = false };
}
