using System.Globalization;
using System.Text.Json;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>The CRM search endpoint: filter groups (OR of ANDs), one sort, paging by offset, capped at 10,000 results per query.</summary>
internal static class HubSpotSearch
{
    public const int MaxLimit = 200;
    public const int ResultCap = 10_000;
    private const int MaxGroups = 5;
    private const int MaxFiltersPerGroup = 6;

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    };

    public static (int Total, List<HubSpotObject> Page, IReadOnlyList<string> Properties) Run(HubSpotObjectStore store, JsonElement body)
    {
        var type = store.Type;
        var limit = body.TryGetProperty("limit", out var l) ? ReadInt(l, "limit") : 10;
        var after = body.TryGetProperty("after", out var a) && a.ValueKind != JsonValueKind.Null ? ReadInt(a, "after") : 0;
        if (limit < 0 || limit > MaxLimit)
        {
            throw HubSpotRequestException.Validation($"limit must be between 0 and {MaxLimit}; got {limit}.");
        }

        if (after < 0)
        {
            throw HubSpotRequestException.Validation($"after must not be negative; got {after}.");
        }

        if (after + limit > ResultCap)
        {
            throw HubSpotRequestException.Validation(
                $"Search results are limited to {ResultCap} per query; after {after} + limit {limit} passes that. Narrow the query.");
        }

        var groups = ReadGroups(body);
        var (sortProperty, descending) = ReadSort(body);
        var requested = body.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : null;
        var properties = HubSpotApi.SelectProperties(type, requested);

        var bySortedModified = sortProperty == type.ModifiedProperty && !descending;
        if (bySortedModified && groups.Count <= 1)
        {
            var filters = groups.Count == 1 ? groups[0] : [];
            var lower = long.MinValue;
            var rest = new List<HubSpotFilter>();
            foreach (var filter in filters)
            {
                if (filter.Property == type.ModifiedProperty && filter.Operator is "GTE" or "GT" && filter.Value is not null)
                {
                    var millis = Millis(filter.Value) + (filter.Operator == "GT" ? 1 : 0);
                    lower = Math.Max(lower, millis);
                }
                else
                {
                    rest.Add(filter);
                }
            }

            var start = store.FirstModifiedAtOrAfter(lower);
            if (rest.Count == 0)
            {
                var total = store.ModifiedCount - start;
                var page = new List<HubSpotObject>(Math.Min(limit, Math.Max(0, total - after)));
                for (var i = start + after; i < store.ModifiedCount && page.Count < limit; i++)
                {
                    page.Add(store.ModifiedAt(i));
                }

                return (total, page, properties);
            }

            return Window(Positions(store, start).Where(o => rest.All(f => Matches(type, o, f))), after, limit, properties);
        }

        var candidates = store.LiveById().Where(o => groups.Count == 0 || groups.Any(g => g.All(f => Matches(type, o, f))));
        if (sortProperty is not null)
        {
            var comparer = Comparer<HubSpotObject>.Create((x, y) =>
            {
                var c = CompareValues(type, x.Properties.GetValueOrDefault(sortProperty), y.Properties.GetValueOrDefault(sortProperty), sortProperty);
                return c != 0 ? (descending ? -c : c) : x.Id.CompareTo(y.Id);
            });
            candidates = candidates.Order(comparer);
        }

        return Window(candidates, after, limit, properties);
    }

    private static IEnumerable<HubSpotObject> Positions(HubSpotObjectStore store, int start)
    {
        for (var i = start; i < store.ModifiedCount; i++)
        {
            yield return store.ModifiedAt(i);
        }
    }

    private static (int, List<HubSpotObject>, IReadOnlyList<string>) Window(IEnumerable<HubSpotObject> matches, int after, int limit, IReadOnlyList<string> properties)
    {
        var total = 0;
        var page = new List<HubSpotObject>();
        foreach (var obj in matches)
        {
            if (total >= after && page.Count < limit)
            {
                page.Add(obj);
            }

            total++;
        }

        return (total, page, properties);
    }

    private static List<List<HubSpotFilter>> ReadGroups(JsonElement body)
    {
        var groups = new List<List<HubSpotFilter>>();
        if (!body.TryGetProperty("filterGroups", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return groups;
        }

        foreach (var group in array.EnumerateArray())
        {
            var filters = new List<HubSpotFilter>();
            if (group.TryGetProperty("filters", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var f in list.EnumerateArray())
                {
                    var property = f.TryGetProperty("propertyName", out var n) ? n.GetString() : null;
                    var op = f.TryGetProperty("operator", out var o) ? o.GetString() : null;
                    if (string.IsNullOrEmpty(property) || op is null || !Operators.Contains(op))
                    {
                        throw HubSpotRequestException.Validation($"Invalid filter: propertyName '{property}', operator '{op}'.");
                    }

                    var values = f.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array
                        ? v.EnumerateArray().Select(Scalar).OfType<string>().ToList()
                        : [];
                    filters.Add(new HubSpotFilter(
                        property,
                        op,
                        f.TryGetProperty("value", out var value) ? Scalar(value) : null,
                        f.TryGetProperty("highValue", out var high) ? Scalar(high) : null,
                        values));
                }
            }

            if (filters.Count > MaxFiltersPerGroup)
            {
                throw HubSpotRequestException.Validation($"A filter group holds at most {MaxFiltersPerGroup} filters; got {filters.Count}.");
            }

            groups.Add(filters);
        }

        return groups.Count > MaxGroups
            ? throw HubSpotRequestException.Validation($"A search holds at most {MaxGroups} filter groups; got {groups.Count}.")
            : groups;
    }

    private static (string? Property, bool Descending) ReadSort(JsonElement body)
    {
        if (!body.TryGetProperty("sorts", out var sorts) || sorts.ValueKind != JsonValueKind.Array)
        {
            return (null, false);
        }

        foreach (var sort in sorts.EnumerateArray())
        {
            if (sort.ValueKind == JsonValueKind.String)
            {
                var text = sort.GetString() ?? "";
                return text.StartsWith('-') ? (text[1..], true) : (text, false);
            }

            var property = sort.TryGetProperty("propertyName", out var n) ? n.GetString() : null;
            var direction = sort.TryGetProperty("direction", out var d) ? d.GetString() : "ASCENDING";
            return (property, string.Equals(direction, "DESCENDING", StringComparison.OrdinalIgnoreCase));
        }

        return (null, false);
    }

    private static bool Matches(HubSpotObjectType type, HubSpotObject obj, HubSpotFilter filter)
    {
        var stored = obj.Properties.GetValueOrDefault(filter.Property);
        int Cmp(string? other) => CompareValues(type, stored, other, filter.Property);
        bool Equal(string? other) => stored is not null && other is not null && Cmp(other) == 0;
        return filter.Operator switch
        {
            "EQ" => Equal(filter.Value),
            "NEQ" => !Equal(filter.Value),
            "LT" => stored is not null && Cmp(filter.Value) < 0,
            "LTE" => stored is not null && Cmp(filter.Value) <= 0,
            "GT" => stored is not null && Cmp(filter.Value) > 0,
            "GTE" => stored is not null && Cmp(filter.Value) >= 0,
            "BETWEEN" => stored is not null && Cmp(filter.Value) >= 0 && Cmp(filter.HighValue) <= 0,
            "IN" => filter.Values.Any(Equal),
            "NOT_IN" => !filter.Values.Any(Equal),
            "HAS_PROPERTY" => stored is not null,
            "NOT_HAS_PROPERTY" => stored is null,
            "CONTAINS_TOKEN" => stored is not null && stored.Contains(filter.Value?.Trim('*') ?? "", StringComparison.OrdinalIgnoreCase),
            "NOT_CONTAINS_TOKEN" => stored is null || !stored.Contains(filter.Value?.Trim('*') ?? "", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static int CompareValues(HubSpotObjectType type, string? left, string? right, string property)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        var kind = type.PropertiesByName.TryGetValue(property, out var definition) ? definition.Type : "string";
        if (kind is "datetime" or "date" && Format.TryParseTime(left, out var l) && Format.TryParseTime(right, out var r))
        {
            return l.CompareTo(r);
        }

        if (kind == "number" && Format.TryParseNumber(left, out var ln) && Format.TryParseNumber(right, out var rn))
        {
            return ln.CompareTo(rn);
        }

        return string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
    }

    private static long Millis(string value) =>
        Format.TryParseTime(value, out var time)
            ? Format.Millis(time)
            : throw HubSpotRequestException.Validation($"{value} is not a valid date-time or epoch milliseconds.");

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static int ReadInt(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw HubSpotRequestException.Validation($"{name} must be an integer; got {element.GetRawText()}."),
    };
}
