namespace CrmBridge.Core.Cemetery;

/// <summary>One message's worth of stale deals for one recipient.</summary>
/// <param name="Items">The deals due now, most idle first (for managers, grouped by owner).</param>
/// <param name="StillStaleEarlier">Deals still stale that were alerted earlier and are inside their cool-down.</param>
/// <param name="Team">For managers: one line per owner of the team with stale deals.</param>
public sealed record CemeteryDigest(
    CemeteryDigestKind Kind,
    string Connection,
    CemeteryRecipient Recipient,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<CemeteryDigestItem> Items,
    int StillStaleEarlier,
    IReadOnlyList<CemeteryTeamLine> Team)
{
    /// <summary>
    /// A stable fingerprint of who gets which alert of which episode: the base of the messages' idempotency keys, so two
    /// runs that decide the same alerts enqueue them once.
    /// </summary>
    public string Fingerprint()
    {
        var text = string.Join(
            '\n',
            new[] { Connection, Kind.ToString(), Recipient.Key }
                .Concat(Items.Select(i => $"{i.Deal.DealId}@{i.EpisodeStartedAt.UtcTicks}#{i.AlertNumber}")));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];
    }
}
