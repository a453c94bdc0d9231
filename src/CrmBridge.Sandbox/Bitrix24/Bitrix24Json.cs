using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>Renders records in the portal's two shapes: crm.item (typed values) and the legacy one (every value a string).</summary>
internal static class Bitrix24Json
{
    /// <summary>A crm.item record; <paramref name="select"/> null means every field, the <c>fm</c> multifield included.</summary>
    public static JsonObject Item(Bitrix24Record record, IReadOnlyList<string>? select)
    {
        var item = new JsonObject { ["id"] = record.Id };
        if (select is null)
        {
            foreach (var (name, value) in record.Values)
            {
                item[name] = Node(value, legacy: false);
            }

            return item;
        }

        foreach (var name in select)
        {
            if (!string.Equals(name, "id", StringComparison.OrdinalIgnoreCase) && name != "fm" && record.Values.ContainsKey(name))
            {
                item[name] = Node(record.Values[name], legacy: false);
            }
        }

        return item;
    }

    /// <summary>A record of a legacy method (<c>crm.activity.list</c>): UPPER_CASE names, numbers as strings.</summary>
    public static JsonObject Legacy(Bitrix24Record record, IReadOnlyList<string>? select)
    {
        var item = new JsonObject { ["ID"] = record.Id.ToString(CultureInfo.InvariantCulture) };
        foreach (var (name, value) in record.Values)
        {
            if (select is null || select.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                item[name] = Node(value, legacy: true);
            }
        }

        return item;
    }

    private static JsonNode? Node(object? value, bool legacy) => value switch
    {
        null => null,
        long number => legacy ? JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(number),
        decimal amount => legacy ? JsonValue.Create(amount.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(amount),
        DateTimeOffset time => JsonValue.Create(Bitrix24Schema.Format(time)),
        List<long> ids => new JsonArray([.. ids.Select(id => (JsonNode)JsonValue.Create(id))]),
        List<Bitrix24Multifield> fm => new JsonArray([.. fm.Select(f => (JsonNode)new JsonObject
        {
            ["id"] = f.Id,
            ["typeId"] = f.TypeId,
            ["valueType"] = f.ValueType,
            ["value"] = f.Value,
        })]),
        string text => JsonValue.Create(text),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
