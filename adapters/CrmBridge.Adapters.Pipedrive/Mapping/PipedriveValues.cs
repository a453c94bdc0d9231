using System.Globalization;

namespace CrmBridge.Adapters.Pipedrive.Mapping;

/// <summary>Pipedrive's encodings of times, dates and ids.</summary>
internal static class PipedriveValues
{
    private static readonly string[] TimeOfDayFormats = ["HH:mm:ss", "HH:mm"];

    /// <summary>RFC 3339 for <c>updated_since</c>, floored to the whole second: Pipedrive keeps no milliseconds, and a floor never skips a change.</summary>
    public static string FormatSince(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var floored = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return floored.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    public static string FormatDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string FormatTimeOfDay(DateTimeOffset value) => value.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string? FormatId(long? id) => id is { } value ? FormatId(value) : null;

    /// <summary>Parses an id the common model carries as text; false when it is not a Pipedrive id.</summary>
    public static bool TryParseId(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>RFC 3339 (v2), "YYYY-MM-DD HH:MM:SS" in UTC (v1) or a bare date; empty is a valid null.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>An activity's due moment: due date plus due time (HH:MM or HH:MM:SS), both UTC; midnight when it has no time.</summary>
    public static DateTimeOffset? DueAt(string? dueDate, string? dueTime)
    {
        if (!DateOnly.TryParseExact(dueDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        var time = TimeOnly.MinValue;
        if (!string.IsNullOrWhiteSpace(dueTime)
            && !TimeOnly.TryParseExact(dueTime.Trim(), TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            time = TimeOnly.MinValue;
        }

        return new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero);
    }

    public static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
