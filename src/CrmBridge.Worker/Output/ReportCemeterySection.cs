using System.Globalization;
using System.Text;
using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CrmBridge.Worker.Output.ReportHtml;

namespace CrmBridge.Worker.Output;

/// <summary>The report's cemetery part: stale-deal figures per pipeline and stale deals per owner (a scan of the store, nothing sent).</summary>
internal sealed class ReportCemeterySection : IReportSection
{
    private const int DealsPerOwner = 5;

    public int Order => 100;

    public async Task<string?> RenderAsync(IServiceProvider services, string connection, CancellationToken cancellationToken)
    {
        var scanner = services.GetService<CemeteryScanner>();
        if (scanner is null)
        {
            return null;
        }

        if (services.GetRequiredService<IOptions<CrmBridgeOptions>>().Value.FindConnection(connection) is null)
        {
            return "<div class=\"card\"><h3>Deal cemetery</h3><p class=\"muted\">Not scanned: the connection is not configured (the scan needs its CRM's capabilities).</p></div>";
        }

        var scan = await scanner.ScanAsync(connection, cancellationToken);
        var html = new StringBuilder("<div class=\"card\"><h3>Deal cemetery</h3>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{scan.StaleDeals.Count} stale of {scan.OpenDeals} open deals.</p>");
        html.Append(Table(
            ["Pipeline", "Open#", "Stale#", "Stale share#", "", "No activity#", "No next step#", "Days since last move#"],
            scan.Pipelines.Select(p => (IReadOnlyList<string>)
            [
                E(p.Name) + (p.IsGraveyard ? " <span class=\"tag split\">graveyard</span>" : ""),
                FunnelFormat.Count(p.OpenDeals), FunnelFormat.Count(p.StaleDeals), FunnelFormat.Percent(p.CemeteryShare), Bar(p.CemeteryShare),
                FunnelFormat.Count(p.NoActivityDeals), FunnelFormat.Count(p.NoNextActivityDeals), FunnelFormat.Days(p.DaysSinceLastMove),
            ])));
        if (scan.StaleDeals.Count > 0)
        {
            html.Append("<h3>Stale deals per owner</h3>").Append(Table(
                ["Owner", "Stale#", $"Most idle (up to {DealsPerOwner})"],
                scan.StaleDeals.GroupBy(d => d.OwnerName ?? "(no owner)").Select(g => (IReadOnlyList<string>)
                [
                    E(g.Key),
                    FunnelFormat.Count(g.Count()),
                    string.Join("<br>", g.OrderByDescending(d => d.IdleDays).Take(DealsPerOwner)
                        .Select(d => $"{E(d.Name)} <span class=\"muted\">({E(d.StageName)}, {d.WholeIdleDays} days)</span>")),
                ])));
        }

        return html.Append("</div>").ToString();
    }
}
