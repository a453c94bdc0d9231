using System.Text;
using CrmBridge.Core.Cemetery;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>
/// A digest as Telegram messages in HTML parse mode, split on line boundaries so that no message exceeds Telegram's
/// 4096-character limit.
/// </summary>
internal static class TelegramDigestFormat
{
    public const int MaxMessageLength = 4096;
    private const int MaxDealName = 200;

    public static IReadOnlyList<string> RenderTexts(CemeteryDigest digest)
    {
        var lines = new List<string> { $"<b>{H(CemeteryDigestText.Title(digest))}</b>", "" };
        if (digest.Kind == CemeteryDigestKind.Manager)
        {
            lines.AddRange(digest.Team.Select(l => "• " + H(CemeteryDigestText.TeamLine(l))));
            lines.Add("");
        }

        string? owner = null;
        foreach (var item in digest.Items)
        {
            if (digest.Kind == CemeteryDigestKind.Manager && item.Deal.OwnerName != owner)
            {
                owner = item.Deal.OwnerName;
                lines.Add($"<b>{H(owner ?? "(no owner)")}</b>");
            }

            var name = H(item.Deal.Name.Length > MaxDealName ? item.Deal.Name[..MaxDealName] + "…" : item.Deal.Name);
            var linked = item.Deal.Url is { } url ? $"<a href=\"{H(url)}\">{name}</a>" : name;
            lines.Add($"• {linked} — {H(CemeteryDigestText.Detail(item))}");
        }

        if (CemeteryDigestText.Footer(digest) is { Length: > 0 } footer)
        {
            lines.Add("");
            lines.Add($"<i>{H(footer)}</i>");
        }

        return Split(lines, MaxMessageLength);
    }

    /// <summary>Packs whole lines into messages of at most <paramref name="limit"/> characters.</summary>
    internal static IReadOnlyList<string> Split(IReadOnlyList<string> lines, int limit)
    {
        var messages = new List<string>();
        var current = new StringBuilder();
        foreach (var line in lines)
        {
            var piece = line.Length > limit ? line[..limit] : line;
            var needed = (current.Length == 0 ? 0 : 1) + piece.Length;
            if (current.Length + needed > limit)
            {
                messages.Add(current.ToString().TrimEnd());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(piece);
        }

        if (current.ToString().Trim().Length > 0)
        {
            messages.Add(current.ToString().TrimEnd());
        }

        return messages;
    }

    /// <summary>Telegram's HTML mode wants only these escaped; other characters stay readable and short.</summary>
    private static string H(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
