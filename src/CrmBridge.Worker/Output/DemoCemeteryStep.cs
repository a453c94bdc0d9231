using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Connections;
using CrmBridge.Sandbox;
using CrmBridge.Worker.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>
/// The demo's deal-cemetery step: scans each sandbox connection and prints the per-pipeline figures and the digests
/// it would send (first owner's and first manager's in full), without any channel. Owners report to the managers the
/// sandbox seeded, unless the configuration maps them itself.
/// </summary>
internal static class DemoCemeteryStep
{
    public static async Task WriteAsync(
        CliContext context,
        IServiceProvider services,
        CrmSandbox sandbox,
        IReadOnlyList<(ISandboxCrm Crm, ConnectionOptions Connection)> connections,
        CancellationToken cancellationToken)
    {
        var scanner = services.GetRequiredService<CemeteryScanner>();
        var options = WithSandboxTeams(services.GetRequiredService<IOptions<CemeteryOptions>>().Value, sandbox);
        foreach (var (_, connection) in connections)
        {
            var scan = await scanner.ScanAsync(connection.Name, cancellationToken);
            context.Console.MarkupLine($"[bold]Deal cemetery[/] of {Markup.Escape(connection.Name)}: {scan.StaleDeals.Count} stale of {scan.OpenDeals} open deals.");
            CemeteryReport.WritePipelines(context, scan);

            // As on the first scheduled run: no earlier episodes, so every stale deal is new.
            var plan = CemeteryEpisodePlanner.Plan(scan, [], TimeSpan.FromDays(options.CoolDownDays));
            var digests = CemeteryDigestBuilder.Build(scan, plan, options);
            var owners = digests.Where(d => d.Kind == CemeteryDigestKind.Owner).ToList();
            var managers = digests.Where(d => d.Kind == CemeteryDigestKind.Manager).ToList();
            context.Console.MarkupLine($"It would send {owners.Count} owner digests and {managers.Count} manager roll-ups (channels: CrmBridge:Cemetery:Channels). For example:");
            foreach (var digest in owners.Take(1).Concat(managers.Take(1)))
            {
                var header = $"{digest.Kind} digest to {digest.Recipient.Name}: {CemeteryDigestText.Subject(digest)}";
                context.Console.Write(new Panel(new Text(CemeteryDigestText.Render(digest).TrimEnd())).Header(Markup.Escape(header)).Expand());
            }
        }
    }

    private static CemeteryOptions WithSandboxTeams(CemeteryOptions configured, CrmSandbox sandbox)
    {
        if (configured.Owners.Count > 0 || configured.DefaultManager is not null)
        {
            return configured;
        }

        var owners = sandbox.Dataset.Owners;
        var demo = new CemeteryOptions
        {
            TimeZone = configured.TimeZone,
            DayCounting = configured.DayCounting,
            Weekend = configured.Weekend,
            Holidays = configured.Holidays,
            Sales = configured.Sales,
            ClientSuccess = configured.ClientSuccess,
            CoolDownDays = configured.CoolDownDays,
        };
        foreach (var manager in owners.Where(o => o.IsManager))
        {
            demo.Managers[manager.Key] = new CemeteryPersonOptions { Name = manager.FullName, Email = manager.Email };
        }

        foreach (var owner in owners)
        {
            demo.Owners[owner.Email] = new CemeteryPersonOptions { Manager = owner.ManagerKey };
        }

        return demo;
    }
}
