using System.Text;
using System.Text.Json;
using CrmBridge.Adapters.Http;

namespace CrmBridge.Adapters.AmoCrm;

/// <summary>
/// Reads amoCRM's errors (<c>application/problem+json</c>): a validation error lists each rejected item and path under
/// <c>validation-errors</c>; other errors carry <c>detail</c>, <c>title</c> or <c>hint</c>. A 429 body may not be JSON at all.
/// </summary>
internal static class AmoCrmErrorBody
{
    private const int MaxLength = 500;

    public static string? ReadMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("validation-errors", out var validation) && validation.ValueKind == JsonValueKind.Array)
            {
                var text = new StringBuilder();
                foreach (var item in validation.EnumerateArray())
                {
                    if (!item.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (var error in errors.EnumerateArray())
                    {
                        if (text.Length > 0)
                        {
                            text.Append("; ");
                        }

                        text.Append(String(error, "path") ?? "?").Append(": ").Append(String(error, "detail") ?? String(error, "code") ?? "invalid");
                    }
                }

                if (text.Length > 0)
                {
                    return Truncate(text.ToString());
                }
            }

            var hint = String(root, "hint");
            var message = String(root, "detail") is { } detail ? (hint is null ? detail : $"{detail} ({hint})") : hint ?? String(root, "title");
            return message is null ? CrmErrorBody.ReadMessage(body) : Truncate(message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static string Truncate(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
}
