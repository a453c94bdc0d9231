namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>
/// Names the shape a field value comes in (<c>date dd.mm.yyyy</c>, <c>decimal (comma)</c>, <c>email</c>, <c>text</c>...),
/// so the field health report can show one field filled in several formats. Returns shared strings: no allocation per value.
/// </summary>
public static class ValueShapes
{
    public const string Boolean = "boolean";
    public const string Integer = "integer";
    public const string DecimalDot = "decimal (dot)";
    public const string DecimalComma = "decimal (comma)";
    public const string NumberWithSpaces = "number with spaces";
    public const string DateIso = "date yyyy-mm-dd";
    public const string DateTimeIso = "datetime iso 8601";
    public const string DateDots = "date dd.mm.yyyy";
    public const string DateDotsShort = "date dd.mm.yy";
    public const string DateSlashes = "date nn/nn/yyyy";
    public const string DateDashes = "date dd-mm-yyyy";
    public const string Email = "email";
    public const string Url = "url";
    public const string Phone = "phone";
    public const string Text = "text";
    public const string Other = "other";

    private static readonly string[] BooleanWords = ["true", "false", "yes", "no", "да", "нет"];

    /// <summary>The shape of a non-empty value; null for an empty or blank one.</summary>
    public static string? Classify(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return null;
        }

        foreach (var word in BooleanWords)
        {
            if (value.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return Boolean;
            }
        }

        Span<char> pattern = stackalloc char[20];
        var length = 0;
        bool digits = false, letters = false, spaces = false;
        foreach (var c in value)
        {
            char p;
            if (char.IsAsciiDigit(c))
            {
                p = '9';
                digits = true;
            }
            else if (char.IsLetter(c))
            {
                p = 'a';
                letters = true;
            }
            else
            {
                spaces |= char.IsWhiteSpace(c);
                p = c;
            }

            if (length < pattern.Length)
            {
                pattern[length] = p;
            }

            length++;
        }

        var shape = length <= pattern.Length ? pattern[..length] : [];
        if (digits && !letters)
        {
            if (shape.SequenceEqual("9999-99-99"))
            {
                return DateIso;
            }

            if (shape.SequenceEqual("99.99.9999"))
            {
                return DateDots;
            }

            if (shape.SequenceEqual("99.99.99"))
            {
                return DateDotsShort;
            }

            if (shape.SequenceEqual("99/99/9999"))
            {
                return DateSlashes;
            }

            if (shape.SequenceEqual("99-99-9999"))
            {
                return DateDashes;
            }

            if (value[0] == '+' && IsPhoneBody(value[1..]))
            {
                return Phone;
            }

            return NumberShape(value, spaces) ?? Other;
        }

        if (digits && value.Length >= 19 && value[4] == '-' && value[7] == '-' && value[10] == 'T')
        {
            return DateTimeIso;
        }

        if (!spaces && value.IndexOf('@') > 0)
        {
            return Email;
        }

        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return Url;
        }

        return letters ? Text : Other;
    }

    private static string? NumberShape(ReadOnlySpan<char> value, bool spaces)
    {
        var start = value[0] == '-' ? 1 : 0;
        int dots = 0, commas = 0;
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '.')
            {
                dots++;
            }
            else if (c == ',')
            {
                commas++;
            }
            else if (!char.IsAsciiDigit(c) && !char.IsWhiteSpace(c))
            {
                return null;
            }
        }

        return (spaces, dots, commas) switch
        {
            (true, <= 1, <= 1) when dots + commas <= 1 => NumberWithSpaces,
            (false, 0, 0) => Integer,
            (false, 1, 0) => DecimalDot,
            (false, 0, 1) => DecimalComma,
            _ => null,
        };
    }

    private static bool IsPhoneBody(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
            else if (c is not (' ' or '-' or '(' or ')'))
            {
                return false;
            }
        }

        return count >= 7;
    }
}
