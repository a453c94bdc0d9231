using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Bench.Children;

/// <summary>Children answer on standard output with one line: a tag and a JSON document.</summary>
internal static class ChildProtocol
{
    public const string Ready = "READY ";
    public const string Result = "RESULT ";
    public const string Requests = "REQUESTS ";
    public const string Required = "REQUIRED ";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void Write<T>(string tag, T value)
    {
        Console.Out.WriteLine(tag + JsonSerializer.Serialize(value, Json));
        Console.Out.Flush();
    }
}
