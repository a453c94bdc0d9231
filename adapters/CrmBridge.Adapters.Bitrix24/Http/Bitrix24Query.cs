using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Adapters.Bitrix24.Http;

/// <summary>
/// Writes a <c>batch</c> sub-call, <c>method?params</c>, with the parameters as PHP's <c>http_build_query</c> does
/// (<c>filter[&gt;id]=5&amp;select[0]=id</c>), which is how the portal reads them.
/// </summary>
internal static class Bitrix24Query
{
    public static string Command(string method, JsonObject parameters)
    {
        var builder = new StringBuilder(method);
        var first = true;
        foreach (var (name, value) in parameters)
        {
            Append(builder, Escape(name), value, ref first);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string key, JsonNode? node, ref bool first)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Append(builder, $"{key}[{Escape(name)}]", value, ref first);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Append(builder, $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]", array[i], ref first);
                }

                break;
            default:
                builder.Append(first ? '?' : '&').Append(key).Append('=').Append(Escape(Scalar(node)));
                first = false;
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "Y",
            JsonValueKind.False => "N",
            _ => value.ToJsonString(),
        }
        : "";

    // Brackets stay readable; everything else that has meaning in a query (>, @, &, =, spaces) is escaped.
    private static string Escape(string text) => Uri.EscapeDataString(text);
}
