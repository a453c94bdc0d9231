using System.Globalization;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>HubSpot's wire formats for ids, times and numbers.</summary>
internal static class Format
{
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public static long Millis(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Probability(decimal value) => value switch
    {
        1m => "1.0",
        0m => "0.0",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses an ISO 8601 time, a date, or epoch milliseconds.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis))
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds(millis);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static bool TryParseNumber(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
}
