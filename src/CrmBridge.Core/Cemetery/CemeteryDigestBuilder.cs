namespace CrmBridge.Core.Cemetery;

/// <summary>
/// Turns a scan's due alerts into digests: one per owner with their own deals, and one roll-up per manager with the
/// deals of the owners mapped to them (CrmBridge:Cemetery:Owners:{owner}:Manager, else DefaultManager).
/// A recipient with nothing due gets no digest.
/// </summary>
public static class CemeteryDigestBuilder
{
    public static IReadOnlyList<CemeteryDigest> Build(CemeteryScan scan, CemeteryEpisodePlan plan, CemeteryOptions options)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var items = plan.Due
            .Select(d => new CemeteryDigestItem(d.Deal, d.Cause, d.Episode.StartedAt, d.Episode.AlertCount))
            .ToList();
        var digests = new List<CemeteryDigest>();

        foreach (var owner in items.Where(i => i.Deal.OwnerId is not null).GroupBy(i => i.Deal.OwnerId!, StringComparer.Ordinal))
        {
            var first = owner.First().Deal;
            var person = FindOwner(options, first.OwnerId, first.OwnerEmail);
            var recipient = new CemeteryRecipient(
                $"owner:{owner.Key}",
                person?.Name ?? first.OwnerName ?? owner.Key,
                person?.Email ?? first.OwnerEmail,
                person?.TelegramChatId,
                owner.Key);
            var quiet = plan.Quiet.Count(q => string.Equals(q.OwnerId, owner.Key, StringComparison.Ordinal));
            digests.Add(new CemeteryDigest(CemeteryDigestKind.Owner, scan.Connection, recipient, scan.ScannedAt, [.. MostIdleFirst(owner)], quiet, []));
        }

        var byManager = new Dictionary<string, (List<CemeteryDigestItem> Due, List<StaleDeal> Quiet)>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (ManagerOf(options, item.Deal) is { } manager)
            {
                Team(byManager, manager).Due.Add(item);
            }
        }

        foreach (var deal in plan.Quiet)
        {
            if (ManagerOf(options, deal) is { } manager && byManager.TryGetValue(manager, out var team))
            {
                team.Quiet.Add(deal);
            }
        }

        foreach (var (key, team) in byManager.OrderBy(m => m.Key, StringComparer.OrdinalIgnoreCase))
        {
            var person = options.Managers.GetValueOrDefault(key);
            var recipient = new CemeteryRecipient($"manager:{key}", person?.Name ?? key, person?.Email, person?.TelegramChatId, null);
            var lines = team.Due.Select(i => i.Deal).Concat(team.Quiet)
                .GroupBy(d => d.OwnerId ?? "", StringComparer.Ordinal)
                .Select(g => new CemeteryTeamLine(
                    g.Key.Length == 0 ? null : g.Key,
                    OwnerName(g.First()),
                    g.Count(),
                    team.Due.Count(i => (i.Deal.OwnerId ?? "") == g.Key),
                    g.Max(d => d.WholeIdleDays)))
                .OrderBy(l => l.OwnerName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var ordered = team.Due
                .OrderBy(i => OwnerName(i.Deal), StringComparer.OrdinalIgnoreCase)
                .ThenByDescending(i => i.Deal.IdleDays)
                .ThenBy(i => i.Deal.DealId, StringComparer.Ordinal)
                .ToList();
            digests.Add(new CemeteryDigest(CemeteryDigestKind.Manager, scan.Connection, recipient, scan.ScannedAt, ordered, team.Quiet.Count, lines));
        }

        return [.. digests.Where(d => d.Kind == CemeteryDigestKind.Owner).OrderBy(d => d.Recipient.Name, StringComparer.OrdinalIgnoreCase), .. digests.Where(d => d.Kind == CemeteryDigestKind.Manager)];
    }

    public static CemeteryPersonOptions? FindOwner(CemeteryOptions options, string? ownerId, string? ownerEmail)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ownerId is not null && options.Owners.TryGetValue(ownerId, out var byId))
        {
            return byId;
        }

        return ownerEmail is not null && options.Owners.TryGetValue(ownerEmail, out var byEmail) ? byEmail : null;
    }

    private static string? ManagerOf(CemeteryOptions options, StaleDeal deal) =>
        FindOwner(options, deal.OwnerId, deal.OwnerEmail)?.Manager ?? options.DefaultManager;

    private static string OwnerName(StaleDeal deal) => deal.OwnerName ?? deal.OwnerId ?? "(no owner)";

    private static (List<CemeteryDigestItem> Due, List<StaleDeal> Quiet) Team(Dictionary<string, (List<CemeteryDigestItem>, List<StaleDeal>)> teams, string manager)
    {
        if (!teams.TryGetValue(manager, out var team))
        {
            team = ([], []);
            teams[manager] = team;
        }

        return team;
    }

    private static IEnumerable<CemeteryDigestItem> MostIdleFirst(IEnumerable<CemeteryDigestItem> items) =>
        items.OrderByDescending(i => i.Deal.IdleDays).ThenBy(i => i.Deal.DealId, StringComparer.Ordinal);
}
