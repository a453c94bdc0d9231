using System.Globalization;
using System.Text;

namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>
/// Reduces a website to the host that identifies it: scheme, <c>www.</c>, user info, port, path, query, trailing dot and
/// case are dropped, and an internationalised domain is written in punycode, so <c>https://www.Орион.рф/about</c> and
/// <c>xn--e1afmkfd.xn--p1ai</c> compare equal.
/// </summary>
public static class WebsiteNormalizer
{
    private static readonly IdnMapping Idn = new();

    /// <summary>The normalised host; never null, even for a malformed value (then it is only trimmed and lower-cased).</summary>
    public static string Normalize(string website)
    {
        ArgumentNullException.ThrowIfNull(website);
        var host = Host(website.AsSpan().Trim());
        if (IsAsciiLower(host))
        {
            return host.ToString();
        }

        var lower = host.ToString().ToLowerInvariant();
        if (Ascii.IsValid(lower))
        {
            return lower;
        }

        try
        {
            return Idn.GetAscii(lower);
        }
        catch (ArgumentException)
        {
            return lower;
        }
    }

    /// <summary>True when the value reduces to a well-formed domain name: two or more labels of letters, digits and inner hyphens, a TLD of letters (or punycode).</summary>
    public static bool IsWellFormed(string? website) => website is not null && IsWellFormed(website, Normalize(website));

    /// <summary>As <see cref="IsWellFormed(string?)"/>, with the <see cref="Normalize"/> result already at hand.</summary>
    public static bool IsWellFormed(string website, string normalized)
    {
        ArgumentNullException.ThrowIfNull(website);
        ArgumentNullException.ThrowIfNull(normalized);
        if (string.IsNullOrWhiteSpace(website))
        {
            return false;
        }

        var span = website.AsSpan().Trim();
        var scheme = span.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 && !IsScheme(span[..scheme]))
        {
            return false;
        }

        return IsWellFormedHost(normalized);
    }

    /// <summary>True when <paramref name="host"/> (already ASCII, e.g. from <see cref="Normalize"/>) is a well-formed domain name.</summary>
    public static bool IsWellFormedHost(ReadOnlySpan<char> host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        var labels = 0;
        var lastLabel = ReadOnlySpan<char>.Empty;
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            labels++;
            lastLabel = label;
        }

        if (labels < 2 || lastLabel.Length < 2)
        {
            return false;
        }

        if (lastLabel.StartsWith("xn--", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var c in lastLabel)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> Host(ReadOnlySpan<char> value)
    {
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 && IsScheme(value[..scheme]))
        {
            value = value[(scheme + 3)..];
        }
        else if (value.StartsWith("//", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        var end = value.IndexOfAny('/', '?', '#');
        if (end >= 0)
        {
            value = value[..end];
        }

        var at = value.LastIndexOf('@');
        if (at >= 0)
        {
            value = value[(at + 1)..];
        }

        var colon = value.LastIndexOf(':');
        if (colon >= 0 && colon < value.Length - 1 && IsDigits(value[(colon + 1)..]))
        {
            value = value[..colon];
        }

        value = value.TrimEnd('.');
        if (value.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            value = value[4..];
        }

        return value;
    }

    private static bool IsScheme(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLower(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c > 0x7f || char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
