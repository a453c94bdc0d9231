using System.Text.Json;

namespace CrmBridge.Adapters.Http;

/// <summary>Reads a CRM's own error message out of a JSON error body.</summary>
public static class CrmErrorBody
{
    private const int MaxLength = 500;
    private static readonly string[] MessageProperties = ["message", "error_description", "detail", "title", "error"];

    /// <summary>The first of <c>message</c>, <c>error_description</c>, <c>detail</c>, <c>title</c> or <c>error</c> that is a string; null when the body is not such JSON.</summary>
    public static string? ReadMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in MessageProperties)
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    && value.GetString() is { Length: > 0 } message)
                {
                    return Truncate(message);
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string Truncate(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
}
