namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>An email address: one <c>@</c>, a local part of letters, digits and the usual symbols, a well-formed domain (IDN allowed).</summary>
public static class EmailValidator
{
    private const string LocalSymbols = "!#$%&'*+/=?^_`{|}~-";

    public static bool IsValid(ReadOnlySpan<char> email)
    {
        var at = email.IndexOf('@');
        if (at <= 0 || at > 64 || at == email.Length - 1 || email[(at + 1)..].Contains('@'))
        {
            return false;
        }

        var local = email[..at];
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsLetterOrDigit(c) && c != '.' && !LocalSymbols.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        var domain = email[(at + 1)..].ToString();
        return !domain.Contains(' ', StringComparison.Ordinal) && domain.IndexOfAny(['/', ':', '?', '#']) < 0
            && WebsiteNormalizer.IsWellFormedHost(WebsiteNormalizer.Normalize(domain));
    }
}
