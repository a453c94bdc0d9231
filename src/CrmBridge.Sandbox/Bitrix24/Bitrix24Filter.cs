using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>A list method's <c>filter</c>: keys with an operator prefix (<c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>, <c>@</c>, <c>!@</c>, <c>!=</c>, <c>!</c>, <c>=</c>), all combined with AND.</summary>
internal sealed class Bitrix24Filter
{
    private static readonly string[] Operators = ["!@", ">=", "<=", "!=", ">", "<", "@", "!", "="];

    private readonly List<(string Op, string Field, JsonNode? Value)> conditions = [];

    public Bitrix24Filter(JsonNode? filter)
    {
        if (filter is null)
        {
            return;
        }

        if (filter is not JsonObject obj)
        {
            throw new Bitrix24SandboxException(400, "", "Parameter 'filter' must be array.");
        }

        foreach (var (key, value) in obj)
        {
            var op = Operators.FirstOrDefault(o => key.StartsWith(o, StringComparison.Ordinal)) ?? "=";
            var field = key.StartsWith(op, StringComparison.Ordinal) ? key[op.Length..] : key;
            conditions.Add((op, field, value));
        }
    }

    /// <summary>The id the fast paging starts after (<c>&gt;id</c>), so the table can seek instead of scanning.</summary>
    public long AfterId => conditions
        .Where(c => c.Op is ">" or ">=" && string.Equals(c.Field, "id", StringComparison.OrdinalIgnoreCase))
        .Select(c => (Bitrix24Params.Long(c.Value) ?? 0) - (c.Op == ">=" ? 1 : 0))
        .DefaultIfEmpty(0)
        .Max();

    /// <summary>The ids of an <c>@id</c> condition, so the table can look them up instead of scanning; null when there is none.</summary>
    public IReadOnlyList<long>? IdsIn => conditions
        .Where(c => c.Op == "@" && string.Equals(c.Field, "id", StringComparison.OrdinalIgnoreCase))
        .Select(c => (IReadOnlyList<long>)[.. Bitrix24Params.List(c.Value).Select(Bitrix24Params.Long).OfType<long>().Distinct().Order()])
        .FirstOrDefault();

    /// <summary>The value an equality condition on <paramref name="field"/> asks for; null when there is none.</summary>
    public long? EqualsLong(string field) => conditions
        .Where(c => c.Op == "=" && string.Equals(c.Field, field, StringComparison.OrdinalIgnoreCase))
        .Select(c => Bitrix24Params.Long(c.Value))
        .FirstOrDefault();

    public bool Matches(Bitrix24Record record) => conditions.All(c => Matches(record, c.Op, c.Field, c.Value));

    private static bool Matches(Bitrix24Record record, string op, string field, JsonNode? expected)
    {
        var actual = string.Equals(field, "id", StringComparison.OrdinalIgnoreCase) ? record.Id : record[field];
        switch (op)
        {
            case "@":
                return Bitrix24Params.List(expected).Any(e => Compare(actual, e) == 0);
            case "!@":
                return !Bitrix24Params.List(expected).Any(e => Compare(actual, e) == 0);
            case "!":
            case "!=":
                return Compare(actual, expected) != 0;
            case "=":
                return actual is List<long> list
                    ? Bitrix24Params.Long(expected) is { } id && list.Contains(id)
                    : Compare(actual, expected) == 0;
        }

        var comparison = Compare(actual, expected);
        if (comparison is null)
        {
            return false;
        }

        return op switch
        {
            ">" => comparison > 0,
            ">=" => comparison >= 0,
            "<" => comparison < 0,
            "<=" => comparison <= 0,
            _ => false,
        };
    }

    /// <summary>The record's value against the filter's, in the record value's type; null when they cannot be compared.</summary>
    private static int? Compare(object? actual, JsonNode? expected)
    {
        var text = Bitrix24Params.Scalar(expected);
        switch (actual)
        {
            case null:
                return string.IsNullOrEmpty(text) ? 0 : null;
            case long number:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var other) ? number.CompareTo(other) : null;
            case decimal amount:
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var otherAmount) ? amount.CompareTo(otherAmount) : null;
            case DateTimeOffset time:
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var otherTime)
                    // The portal stores whole seconds.
                    ? new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).CompareTo(otherTime)
                    : null;
            case string value:
                return string.Compare(value, text, StringComparison.OrdinalIgnoreCase);
            default:
                return null;
        }
    }
}
