using System.Globalization;
using System.Text;
using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using static CrmBridge.Worker.Output.ReportHtml;

namespace CrmBridge.Worker.Output;

/// <summary>The report's hygiene part, read from what the last sweeps stored (no sweep is run): open findings per rule and per owner, and field health.</summary>
internal sealed class ReportHygieneSection : IReportSection
{
    public int Order => 50;

    public async Task<string?> RenderAsync(IServiceProvider services, string connection, CancellationToken cancellationToken)
    {
        if (services.GetService<IHygieneStore>() is not { } hygiene)
        {
            return null;
        }

        var html = new StringBuilder("<div class=\"card\"><h3>Data hygiene</h3>");
        var sweeps = await hygiene.GetSweepsAsync(connection, 1, cancellationToken);
        if (sweeps.Count == 0)
        {
            return html.Append("<p class=\"muted\">No hygiene sweep recorded yet: run <code>crmbridge hygiene</code>.</p></div>").ToString();
        }

        var sweep = sweeps[0];
        var byRule = new Dictionary<(string Rule, string Check, HygieneSeverity Severity), long>();
        var byOwner = new Dictionary<string, (long Findings, HashSet<string> Deals)>(StringComparer.Ordinal);
        long open = 0;
        await foreach (var finding in hygiene.StreamFindingsAsync(new HygieneFindingQuery(connection), cancellationToken))
        {
            open++;
            var rule = (finding.Rule, finding.Check, finding.Severity);
            byRule[rule] = byRule.GetValueOrDefault(rule) + 1;
            var owner = finding.OwnerId ?? "";
            var tally = byOwner.TryGetValue(owner, out var t) ? t : (0, new HashSet<string>(StringComparer.Ordinal));
            tally.Deals.Add(finding.DealId);
            byOwner[owner] = (tally.Findings + 1, tally.Deals);
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{FunnelFormat.Count(open)} open findings. Last sweep {sweep.CompletedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: ")
            .Append(CultureInfo.InvariantCulture, $"{FunnelFormat.Count(sweep.DealsSwept)} deals checked, {FunnelFormat.Count(sweep.Opened)} findings new, {FunnelFormat.Count(sweep.Resolved)} resolved.</p>");
        if (open > 0)
        {
            var names = await ConnectionNames.LoadAsync(services.GetRequiredService<ICrmStore>(), connection, cancellationToken);
            html.Append("<div class=\"two\"><div>").Append(Table(
                ["Rule", "Check", "Severity", "Findings#"],
                byRule.OrderByDescending(r => r.Key.Severity).ThenByDescending(r => r.Value).Select(r => (IReadOnlyList<string>)
                    [E(r.Key.Rule), E(r.Key.Check), Severity(r.Key.Severity), FunnelFormat.Count(r.Value)])))
                .Append("</div><div>").Append(Table(
                ["Owner", "Deals#", "Findings#"],
                byOwner.OrderByDescending(o => o.Value.Findings).Select(o => (IReadOnlyList<string>)
                    [E(o.Key.Length == 0 ? "(no owner)" : names.Owner(o.Key)), FunnelFormat.Count(o.Value.Deals.Count), FunnelFormat.Count(o.Value.Findings)])))
                .Append("</div></div>");
        }

        var fields = sweep.FieldHealth.Where(f => f.IsLongTail || f.IsZoo).ToList();
        if (fields.Count > 0)
        {
            html.Append("<h3>Fields to look at</h3>").Append(Table(
                ["Field", "Filled#", "", "Problem"],
                fields.Select(f => (IReadOnlyList<string>)
                [
                    E(f.Field), FunnelFormat.Percent(f.FillRate), Bar(f.FillRate),
                    E(string.Join(", ", new[] { f.IsLongTail ? "rarely filled" : null, f.IsZoo ? $"filled in {f.Shapes.Count} formats" : null }.OfType<string>())),
                ])));
        }

        return html.Append("</div>").ToString();
    }

    private static string Severity(HygieneSeverity severity) => severity switch
    {
        HygieneSeverity.Error => "<span class=\"tag split\">error</span>",
        HygieneSeverity.Warning => "<span class=\"tag merge\">warning</span>",
        _ => "<span class=\"muted\">info</span>",
    };
}
