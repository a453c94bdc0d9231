using System.Globalization;

namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>
/// A compiled deal naming convention such as <c>{company website} - {company name}</c>. A name matches when its
/// literal parts and company name are as the template says and its website part normalises to the company's website.
/// </summary>
public sealed class NamingTemplate
{
    public const string WebsitePlaceholder = "{company website}";
    public const string NamePlaceholder = "{company name}";
    public const string Default = WebsitePlaceholder + " - " + NamePlaceholder;

    private static readonly IdnMapping Idn = new();

    private readonly string _first;
    private readonly string _middle;
    private readonly string _last;
    private readonly bool _websiteFirst;

    private NamingTemplate(string template, string first, string middle, string last, bool websiteFirst)
    {
        Template = template;
        _first = first;
        _middle = middle;
        _last = last;
        _websiteFirst = websiteFirst;
    }

    public string Template { get; }

    /// <summary>Compiles a template that holds each placeholder exactly once; the error says what is wrong otherwise.</summary>
    public static bool TryParse(string? template, out NamingTemplate? compiled, out string? error)
    {
        compiled = null;
        error = null;
        if (string.IsNullOrWhiteSpace(template))
        {
            error = "is empty";
            return false;
        }

        var website = template.IndexOf(WebsitePlaceholder, StringComparison.Ordinal);
        var name = template.IndexOf(NamePlaceholder, StringComparison.Ordinal);
        if (website < 0 || name < 0
            || template.IndexOf(WebsitePlaceholder, website + 1, StringComparison.Ordinal) >= 0
            || template.IndexOf(NamePlaceholder, name + 1, StringComparison.Ordinal) >= 0)
        {
            error = $"must hold {WebsitePlaceholder} and {NamePlaceholder} once each";
            return false;
        }

        var websiteFirst = website < name;
        var (a, aLength, b, bLength) = websiteFirst
            ? (website, WebsitePlaceholder.Length, name, NamePlaceholder.Length)
            : (name, NamePlaceholder.Length, website, WebsitePlaceholder.Length);
        if (a + aLength == b)
        {
            error = "needs text between the two placeholders";
            return false;
        }

        compiled = new NamingTemplate(template, template[..a], template[(a + aLength)..b], template[(b + bLength)..], websiteFirst);
        return true;
    }

    /// <summary>The expected deal name for a company; the website is written as its normalised host, in Unicode.</summary>
    public string Render(string normalizedWebsite, string companyName)
    {
        ArgumentNullException.ThrowIfNull(normalizedWebsite);
        ArgumentNullException.ThrowIfNull(companyName);
        var display = normalizedWebsite.Contains("xn--", StringComparison.Ordinal) ? ToUnicode(normalizedWebsite) : normalizedWebsite;
        var name = companyName.Trim();
        return _websiteFirst ? string.Concat(_first, display, _middle, name, _last) : string.Concat(_first, name, _middle, display, _last);
    }

    /// <summary>
    /// True when <paramref name="dealName"/> follows the convention for the company. The website part may be written in
    /// any form that normalises to <paramref name="normalizedWebsite"/> (with or without scheme, in Unicode or punycode).
    /// </summary>
    public bool Matches(string dealName, string website, string normalizedWebsite, string companyName)
    {
        ArgumentNullException.ThrowIfNull(dealName);
        ArgumentNullException.ThrowIfNull(website);
        ArgumentNullException.ThrowIfNull(companyName);
        var rest = dealName.AsSpan().Trim();
        var name = companyName.AsSpan().Trim();
        if (name.IsEmpty || !rest.StartsWith(_first, StringComparison.Ordinal) || !rest.EndsWith(_last, StringComparison.Ordinal)
            || rest.Length < _first.Length + _last.Length)
        {
            return false;
        }

        rest = rest[_first.Length..(rest.Length - _last.Length)];
        ReadOnlySpan<char> websitePart;
        if (_websiteFirst)
        {
            if (!rest.EndsWith(name, StringComparison.Ordinal))
            {
                return false;
            }

            rest = rest[..^name.Length];
            if (!rest.EndsWith(_middle, StringComparison.Ordinal))
            {
                return false;
            }

            websitePart = rest[..^_middle.Length];
        }
        else
        {
            if (!rest.StartsWith(name, StringComparison.Ordinal))
            {
                return false;
            }

            rest = rest[name.Length..];
            if (!rest.StartsWith(_middle, StringComparison.Ordinal))
            {
                return false;
            }

            websitePart = rest[_middle.Length..];
        }

        websitePart = websitePart.Trim();
        if (websitePart.IsEmpty)
        {
            return false;
        }

        return websitePart.SequenceEqual(website.AsSpan().Trim()) || WebsiteNormalizer.Normalize(websitePart.ToString()) == normalizedWebsite;
    }

    private static string ToUnicode(string host)
    {
        try
        {
            return Idn.GetUnicode(host);
        }
        catch (ArgumentException)
        {
            return host;
        }
    }
}
