using PhoneNumbers;

namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>
/// Checks phone numbers with libphonenumber. A number written internationally (<c>+7 (912) 345-67-89</c>) is read
/// without the library's text parser when it holds only digits and separators, which keeps a sweep of a million
/// deals fast; everything else goes through <see cref="PhoneNumberUtil.Parse(string, string)"/> with the default region.
/// </summary>
public sealed class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private readonly string _region;
    private readonly bool _requireValid;

    /// <param name="region">ISO 3166 region numbers without a country code are read in, e.g. <c>RU</c>.</param>
    /// <param name="requireValid">Also require an assigned number range, not only a possible length.</param>
    public PhoneNormalizer(string region, bool requireValid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        _region = region.ToUpperInvariant();
        _requireValid = requireValid;
    }

    /// <summary>True when libphonenumber knows <paramref name="region"/>.</summary>
    public static bool IsSupportedRegion(string? region) =>
        region is not null && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    public PhoneVerdict Check(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var span = phone.AsSpan().Trim();
        if (span.IsEmpty || span.Length > 64)
        {
            return PhoneVerdict.Invalid;
        }

        if (span[0] == '+' && TryFastInternational(span, out var fast))
        {
            return fast ? PhoneVerdict.Ok : PhoneVerdict.Invalid;
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(phone, _region);
        }
        catch (NumberParseException)
        {
            return PhoneVerdict.Invalid;
        }

        if (!IsAcceptable(number))
        {
            return PhoneVerdict.Invalid;
        }

        if (span[0] == '+')
        {
            return PhoneVerdict.Ok;
        }

        var unambiguous = string.IsNullOrEmpty(number.Extension) && Util.IsValidNumber(number);
        return new PhoneVerdict(PhoneVerdictKind.NationalFormat, unambiguous ? Util.Format(number, PhoneNumberFormat.E164) : null);
    }

    private bool IsAcceptable(PhoneNumber number) =>
        Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
        && (!_requireValid || Util.IsValidNumber(number));

    /// <summary>Reads <c>+</c>, digits and the separators space, hyphen, parentheses and dot; false when the shape is anything else.</summary>
    private bool TryFastInternational(ReadOnlySpan<char> span, out bool acceptable)
    {
        acceptable = false;
        Span<char> digits = stackalloc char[17];
        var count = 0;
        for (var i = 1; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                return false;
            }
        }

        if (count is < 7 or > 15 || digits[0] == '0')
        {
            return false;
        }

        for (var length = 1; length <= 3 && length < count; length++)
        {
            var code = int.Parse(digits[..length], provider: null);
            if (Util.GetRegionCodeForCountryCode(code) == "ZZ")
            {
                continue;
            }

            var national = digits[length..count];
            if (national[0] == '0')
            {
                // Leading zeros (Italy) need the parser's handling.
                return false;
            }

            var number = new PhoneNumber.Builder()
                .SetCountryCode(code)
                .SetNationalNumber(ulong.Parse(national, provider: null))
                .Build();
            acceptable = IsAcceptable(number);
            return true;
        }

        return false;
    }
}
