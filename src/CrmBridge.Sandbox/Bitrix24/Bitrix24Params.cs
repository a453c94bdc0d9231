using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>Method parameters as the portal reads them: a JSON body, or PHP-style query parameters (<c>filter[&gt;id]=5&amp;select[0]=id</c>), as in batch sub-calls.</summary>
internal static class Bitrix24Params
{
    public static JsonObject Parse(string? body, string? query)
    {
        var parameters = string.IsNullOrWhiteSpace(query) ? new JsonObject() : FromQuery(query);
        if (!string.IsNullOrWhiteSpace(body))
        {
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(body);
            }
            catch (JsonException ex)
            {
                throw Bitrix24SandboxException.Invalid($"Request body is not JSON: {ex.Message}");
            }

            if (parsed is JsonObject obj)
            {
                foreach (var (name, value) in obj.ToList())
                {
                    obj.Remove(name);
                    parameters[name] = value;
                }
            }
        }

        return parameters;
    }

    public static JsonObject FromQuery(string query)
    {
        var root = new JsonObject();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawKey = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            var path = KeyPath(rawKey);
            JsonObject node = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                if (node[path[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[path[i]] = child;
                }

                node = child;
            }

            var last = path[^1].Length == 0 ? node.Count.ToString(CultureInfo.InvariantCulture) : path[^1];
            node[last] = value;
        }

        return (JsonObject)Normalize(root)!;
    }

    public static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.True => "Y",
        JsonValue value when value.GetValueKind() == JsonValueKind.False => "N",
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    public static IReadOnlyList<JsonNode?> List(JsonNode? node) => node switch
    {
        JsonArray array => [.. array],
        JsonObject obj => [.. obj.Select(p => p.Value)],
        null => [],
        _ => [node],
    };

    public static long? Long(JsonNode? node) =>
        long.TryParse(Scalar(node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static long RequiredLong(JsonObject parameters, string name) =>
        Long(Get(parameters, name)) ?? throw Bitrix24SandboxException.Invalid($"Parameter '{name}' is required.");

    public static JsonNode? Get(JsonObject parameters, string name) =>
        parameters.TryGetPropertyValue(name, out var value) ? value
        : parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static List<string> KeyPath(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return [key];
        }

        var path = new List<string> { key[..open] };
        var rest = key[open..];
        while (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            path.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        return path;
    }

    // PHP builds arrays from a[0]=..&a[1]=..; give them back as JSON arrays.
    private static JsonNode? Normalize(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return node;
        }

        var entries = obj.ToList();
        foreach (var (name, _) in entries)
        {
            obj.Remove(name);
        }

        var isList = entries.Count > 0 && entries.Select((e, i) => e.Key == i.ToString(CultureInfo.InvariantCulture)).All(b => b);
        if (isList)
        {
            return new JsonArray([.. entries.Select(e => Normalize(e.Value))]);
        }

        var result = new JsonObject();
        foreach (var (name, value) in entries)
        {
            result[name] = Normalize(value);
        }

        return result;
    }
}
