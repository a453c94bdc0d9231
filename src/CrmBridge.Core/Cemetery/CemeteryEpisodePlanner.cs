namespace CrmBridge.Core.Cemetery;

/// <summary>
/// The episode rules: a deal is alerted once when an episode starts, then again only after the cool-down or when it
/// gets worse (a reason it did not have, or idle for another whole threshold); an episode ends when a scan no longer
/// finds the deal stale.
/// </summary>
public static class CemeteryEpisodePlanner
{
    public static CemeteryEpisodePlan Plan(CemeteryScan scan, IReadOnlyList<CemeteryEpisode> openEpisodes, TimeSpan coolDown)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(openEpisodes);
        var now = scan.ScannedAt;
        var open = openEpisodes.Where(e => e.EndedAt is null).GroupBy(e => e.DealId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.StartedAt).First(), StringComparer.Ordinal);
        var due = new List<CemeteryDueAlert>();
        var quiet = new List<StaleDeal>();
        var stillStale = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deal in scan.StaleDeals)
        {
            stillStale.Add(deal.DealId);
            CemeteryAlertCause? cause;
            var episode = open.GetValueOrDefault(deal.DealId);
            if (episode is null)
            {
                episode = new CemeteryEpisode(scan.Connection, deal.DealId, now, null, 0, StaleReasons.None, 0, null);
                cause = CemeteryAlertCause.New;
            }
            else if (episode.LastAlertedAt is null)
            {
                cause = CemeteryAlertCause.New;
            }
            else if ((deal.Reasons & ~episode.AlertedReasons) != 0 || deal.Level > episode.AlertedLevel)
            {
                cause = CemeteryAlertCause.Worse;
            }
            else if (now - episode.LastAlertedAt.Value >= coolDown)
            {
                cause = CemeteryAlertCause.Reminder;
            }
            else
            {
                cause = null;
            }

            if (cause is { } c)
            {
                due.Add(new CemeteryDueAlert(deal, c, episode with
                {
                    LastAlertedAt = now,
                    AlertCount = episode.AlertCount + 1,
                    AlertedReasons = deal.Reasons,
                    AlertedLevel = deal.Level,
                }));
            }
            else
            {
                quiet.Add(deal);
            }
        }

        var ended = open.Keys.Where(id => !stillStale.Contains(id)).Order(StringComparer.Ordinal).ToList();
        return new CemeteryEpisodePlan(due, [], quiet, ended);
    }

    /// <summary>The plan when nothing can be sent: episodes start (so their age is known) but no deal counts as alerted.</summary>
    public static CemeteryEpisodePlan WithoutAlerts(CemeteryEpisodePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var started = plan.Due.Where(d => d.Episode.AlertCount == 1)
            .Select(d => d.Episode with { LastAlertedAt = null, AlertCount = 0, AlertedReasons = StaleReasons.None, AlertedLevel = 0 })
            .ToList();
        return new CemeteryEpisodePlan([], started, [.. plan.Quiet, .. plan.Due.Select(d => d.Deal)], plan.Ended);
    }
}
