using CrmBridge.Core.Funnel;
using CrmBridge.Worker.Cli;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>The demo's funnel step: the funnel table of each sandbox connection's sales pipeline.</summary>
internal static class DemoFunnelStep
{
    public static async Task RunAsync(CliContext context, IServiceProvider services, IEnumerable<string> connections, CancellationToken cancellationToken)
    {
        var funnel = services.GetRequiredService<FunnelService>();
        foreach (var connection in connections)
        {
            var report = await funnel.BuildAsync(new FunnelRequest(connection), cancellationToken);
            foreach (var pipeline in report.Pipelines)
            {
                FunnelTable.WriteFunnel(context, report, pipeline);
            }
        }

        context.Console.MarkupLine("Run [bold]crmbridge funnel[/] for cohorts, owners and lost reasons, or [bold]crmbridge report --html report.html[/] for a page with charts.");
    }
}
