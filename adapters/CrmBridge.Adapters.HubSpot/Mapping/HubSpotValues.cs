using System.Globalization;

namespace CrmBridge.Adapters.HubSpot.Mapping;

/// <summary>HubSpot's string encodings of numbers and times.</summary>
internal static class HubSpotValues
{
    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string FormatTime(DateTimeOffset value) => value.UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture);

    public static string FormatEpochMillis(DateTimeOffset value) => value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static string FormatAmount(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 (UTC when no offset is given), epoch milliseconds, or a bare date taken as 00:00 UTC.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.All(char.IsAsciiDigit) && trimmed.Length > 8
            && long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            try
            {
                value = DateTimeOffset.FromUnixTimeMilliseconds(millis);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    public static bool TryParseAmount(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            value = amount;
            return true;
        }

        return false;
    }

    public static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
