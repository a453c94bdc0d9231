namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>The Russian tax id (INN): 10 digits for a legal entity, 12 for a sole trader, each with check digits.</summary>
public static class InnValidator
{
    private static readonly int[] Weights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    /// <summary>True when <paramref name="inn"/> is exactly 10 or 12 ASCII digits with correct check digits.</summary>
    public static bool IsValid(ReadOnlySpan<char> inn)
    {
        if (inn.Length != 10 && inn.Length != 12)
        {
            return false;
        }

        foreach (var c in inn)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return inn.Length == 10
            ? CheckDigit(inn, Weights10) == inn[9] - '0'
            : CheckDigit(inn, Weights11) == inn[10] - '0' && CheckDigit(inn, Weights12) == inn[11] - '0';
    }

    /// <summary>
    /// The INN with spaces, hyphens and dots removed when that leaves a valid one (an unambiguous fix); null otherwise.
    /// </summary>
    public static string? TryTidy(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 40)
        {
            return null;
        }

        Span<char> digits = stackalloc char[value.Length];
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '\u00a0'))
            {
                return null;
            }
        }

        var tidy = digits[..count];
        return IsValid(tidy) && !tidy.SequenceEqual(value) ? new string(tidy) : null;
    }

    private static int CheckDigit(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum % 11 % 10;
    }
}
