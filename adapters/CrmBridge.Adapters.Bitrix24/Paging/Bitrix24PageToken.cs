using System.Globalization;

namespace CrmBridge.Adapters.Bitrix24.Paging;

/// <summary>
/// The deal listing's page token: the last deal id returned. Lists are read the fast way Bitrix24 documents for big
/// portals: ordered by id, filtered to ids above the last one seen, without the total count (<c>start=-1</c>).
/// </summary>
internal static class Bitrix24PageToken
{
    private const string Prefix = "b24-after:";

    public static string Encode(long lastId) => Prefix + lastId.ToString(CultureInfo.InvariantCulture);

    public static long Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(token.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ArgumentException("The page token was not issued by the Bitrix24 adapter.", nameof(token));
    }
}
