using System.Globalization;

namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>Checks of configured field formats that are not company or contact members: numbers and dates.</summary>
public static class FieldValueCheck
{
    private static readonly string[] OtherDateFormats = ["dd/MM/yyyy", "MM/dd/yyyy", "dd-MM-yyyy", "dd.MM.yy", "d.M.yyyy", "yyyy/MM/dd"];

    /// <summary>Digits with an optional sign, one decimal separator (dot or comma) and spaces between digit groups.</summary>
    public static bool IsNumber(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return false;
        }

        var start = value[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        var separators = 0;
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is '.' or ',')
            {
                if (++separators > 1 || i == value.Length - 1)
                {
                    return false;
                }
            }
            else if (c is not (' ' or '\u00a0' or '\u202f'))
            {
                return false;
            }
        }

        return digits > 0;
    }

    /// <summary>
    /// Whether the value is an ISO date (or date-time); for a <c>dd.MM.yyyy</c> date also the ISO form (unambiguous),
    /// for other recognisable but ambiguous formats no fix.
    /// </summary>
    public static (string? Check, string? Fix) CheckDate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || (trimmed.Length > 10 && trimmed[10] == 'T'
                && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)))
        {
            return (null, null);
        }

        if (DateOnly.TryParseExact(trimmed, "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dotted))
        {
            return (HygieneChecks.NotIsoDate, dotted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return DateOnly.TryParseExact(trimmed, OtherDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? (HygieneChecks.NotIsoDate, null)
            : (HygieneChecks.NotADate, null);
    }
}
