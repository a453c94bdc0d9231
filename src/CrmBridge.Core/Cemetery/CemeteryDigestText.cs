using System.Globalization;
using System.Text;

namespace CrmBridge.Core.Cemetery;

/// <summary>A digest as plain text: the email's text part, the demo's output, and the base wording of every channel.</summary>
public static class CemeteryDigestText
{
    public static string Subject(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var count = digest.Items.Count;
        return digest.Kind == CemeteryDigestKind.Owner
            ? $"{Deals(count)} need attention ({digest.Connection})"
            : $"Deal cemetery for {digest.Recipient.Name}'s team: {Deals(count)} need attention ({digest.Connection})";
    }

    public static string Title(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return digest.Kind == CemeteryDigestKind.Owner
            ? $"{digest.Recipient.Name}, {Deals(digest.Items.Count).ToLowerInvariant()} of yours need attention"
            : $"{digest.Recipient.Name}, your team has {Deals(digest.Items.Count).ToLowerInvariant()} needing attention";
    }

    /// <summary>"Offer sent · idle 45 days (threshold 30) · no next activity · new".</summary>
    public static string Detail(CemeteryDigestItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var deal = item.Deal;
        var parts = new List<string> { deal.StageName };
        parts.Add(deal.Reasons.HasFlag(StaleReasons.NoActivity)
            ? $"idle {Days(deal.WholeIdleDays)} (threshold {deal.ThresholdDays})"
            : $"idle {Days(deal.WholeIdleDays)}");
        if (deal.Reasons.HasFlag(StaleReasons.NoNextActivity))
        {
            parts.Add("no next activity");
        }

        parts.Add(Cause(item.Cause));
        return string.Join(" · ", parts);
    }

    public static string Cause(CemeteryAlertCause cause) => cause switch
    {
        CemeteryAlertCause.New => "new",
        CemeteryAlertCause.Worse => "worse",
        _ => "still stale",
    };

    public static string Footer(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return digest.StillStaleEarlier == 0
            ? ""
            : $"{Deals(digest.StillStaleEarlier)} reported earlier {(digest.StillStaleEarlier == 1 ? "is" : "are")} still stale.";
    }

    public static string TeamLine(CemeteryTeamLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return $"{line.OwnerName}: {line.StaleDeals} stale, {line.AlertedNow} in this digest, oldest idle {Days(line.OldestIdleDays)}";
    }

    public static string Render(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var text = new StringBuilder();
        text.AppendLine(Title(digest)).AppendLine();
        if (digest.Kind == CemeteryDigestKind.Manager)
        {
            foreach (var line in digest.Team)
            {
                text.Append("  ").AppendLine(TeamLine(line));
            }

            text.AppendLine();
        }

        string? owner = null;
        foreach (var item in digest.Items)
        {
            if (digest.Kind == CemeteryDigestKind.Manager && item.Deal.OwnerName != owner)
            {
                owner = item.Deal.OwnerName;
                text.AppendLine(owner ?? "(no owner)");
            }

            text.Append("- ").Append(item.Deal.Name).Append(" — ").AppendLine(Detail(item));
            if (item.Deal.Url is { } url)
            {
                text.Append("  ").AppendLine(url);
            }
        }

        if (Footer(digest) is { Length: > 0 } footer)
        {
            text.AppendLine().AppendLine(footer);
        }

        return text.ToString();
    }

    public static string Days(int days) => days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");

    private static string Deals(int count) => count == 1 ? "1 stale deal" : string.Create(CultureInfo.InvariantCulture, $"{count} stale deals");
}
