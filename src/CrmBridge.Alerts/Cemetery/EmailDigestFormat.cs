using System.Net;
using System.Text;
using CrmBridge.Core.Cemetery;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>A digest as an email: an HTML table and the plain-text alternative.</summary>
internal static class EmailDigestFormat
{
    public static string Html(CemeteryDigest digest)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append("<h2>").Append(H(CemeteryDigestText.Title(digest))).Append("</h2>");
        if (digest.Kind == CemeteryDigestKind.Manager && digest.Team.Count > 0)
        {
            html.Append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>Owner</th><th>Stale</th><th>In this digest</th><th>Oldest idle</th></tr>");
            foreach (var line in digest.Team)
            {
                html.Append("<tr><td>").Append(H(line.OwnerName)).Append("</td><td>").Append(line.StaleDeals)
                    .Append("</td><td>").Append(line.AlertedNow).Append("</td><td>").Append(H(CemeteryDigestText.Days(line.OldestIdleDays))).Append("</td></tr>");
            }

            html.Append("</table><p></p>");
        }

        html.Append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>Deal</th>");
        if (digest.Kind == CemeteryDigestKind.Manager)
        {
            html.Append("<th>Owner</th>");
        }

        html.Append("<th>Stage</th><th>Idle</th><th>Why</th></tr>");
        foreach (var item in digest.Items)
        {
            var deal = item.Deal;
            var name = deal.Url is { } url ? $"<a href=\"{H(url)}\">{H(deal.Name)}</a>" : H(deal.Name);
            html.Append("<tr><td>").Append(name).Append("</td>");
            if (digest.Kind == CemeteryDigestKind.Manager)
            {
                html.Append("<td>").Append(H(deal.OwnerName ?? "(no owner)")).Append("</td>");
            }

            html.Append("<td>").Append(H(deal.StageName)).Append("</td><td>").Append(H(CemeteryDigestText.Days(deal.WholeIdleDays)))
                .Append("</td><td>").Append(H(Why(item))).Append("</td></tr>");
        }

        html.Append("</table>");
        if (CemeteryDigestText.Footer(digest) is { Length: > 0 } footer)
        {
            html.Append("<p><i>").Append(H(footer)).Append("</i></p>");
        }

        html.Append("<p style=\"color:#888\">CrmBridge deal cemetery · ").Append(H(digest.Connection)).Append("</p></body></html>");
        return html.ToString();
    }

    public static string Text(CemeteryDigest digest) => CemeteryDigestText.Render(digest) + $"\n--\nCrmBridge deal cemetery · {digest.Connection}\n";

    private static string Why(CemeteryDigestItem item)
    {
        var reasons = new List<string>();
        if (item.Deal.Reasons.HasFlag(StaleReasons.NoActivity))
        {
            reasons.Add($"no activity or stage change for more than {CemeteryDigestText.Days(item.Deal.ThresholdDays)}");
        }

        if (item.Deal.Reasons.HasFlag(StaleReasons.NoNextActivity))
        {
            reasons.Add("no next activity planned");
        }

        reasons.Add(CemeteryDigestText.Cause(item.Cause));
        return string.Join("; ", reasons);
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
