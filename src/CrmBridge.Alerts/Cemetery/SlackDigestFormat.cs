using System.Text.Json.Nodes;
using CrmBridge.Core.Cemetery;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>
/// A digest as Slack incoming-webhook payloads with blocks: a header, one section per deal (linked when the connection
/// has a DealUrlTemplate) and a context line. Slack takes at most 50 blocks per message, so long digests become
/// several messages.
/// </summary>
internal static class SlackDigestFormat
{
    public const int MaxDealsPerMessage = 40;
    private const int MaxSectionText = 2900;
    private const int MaxHeaderText = 150;

    public static IReadOnlyList<string> Render(CemeteryDigest digest)
    {
        var chunks = digest.Items.Chunk(MaxDealsPerMessage).ToList();
        if (chunks.Count == 0)
        {
            chunks.Add([]);
        }

        var payloads = new List<string>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var blocks = new JsonArray();
            var title = CemeteryDigestText.Title(digest) + (chunks.Count > 1 ? $" ({i + 1}/{chunks.Count})" : "");
            blocks.Add(new JsonObject { ["type"] = "header", ["text"] = PlainText(Truncate(title, MaxHeaderText)) });
            if (i == 0 && digest.Kind == CemeteryDigestKind.Manager && digest.Team.Count > 0)
            {
                var team = string.Join('\n', digest.Team.Select(l => "• " + Escape(CemeteryDigestText.TeamLine(l))));
                blocks.Add(Section(team));
                blocks.Add(new JsonObject { ["type"] = "divider" });
            }

            foreach (var item in chunks[i])
            {
                var deal = item.Deal;
                var name = deal.Url is { } url ? $"<{url}|{Escape(deal.Name).Replace('|', '¦')}>" : Escape(deal.Name);
                var owner = digest.Kind == CemeteryDigestKind.Manager ? $" — {Escape(deal.OwnerName ?? "(no owner)")}" : "";
                blocks.Add(Section($"*{name}*{owner}\n{Escape(CemeteryDigestText.Detail(item))}"));
            }

            var footer = CemeteryDigestText.Footer(digest);
            var context = $"CrmBridge deal cemetery · {digest.Connection}" + (footer.Length > 0 && i == chunks.Count - 1 ? " · " + footer : "");
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(context) }),
            });
            var payload = new JsonObject { ["text"] = title, ["blocks"] = blocks };
            payloads.Add(payload.ToJsonString());
        }

        return payloads;
    }

    /// <summary>Slack's mrkdwn control characters.</summary>
    internal static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(mrkdwn, MaxSectionText) },
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
