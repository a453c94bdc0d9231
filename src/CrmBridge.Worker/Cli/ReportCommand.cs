using System.CommandLine;
using System.Text;
using CrmBridge.Worker.Output;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CrmBridge.Worker.Cli;

/// <summary>
/// <c>crmbridge report --html PATH [--connection NAME] [--pipeline NAME] [--from DATE --to DATE] [--cohort month|FIELD]</c>:
/// one self-contained HTML page (inline CSS and SVG, no script, nothing from the network) with the funnel of each
/// pipeline, lost reasons, and every <see cref="IReportSection"/> (the deal cemetery, and what other features add).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var html = new Option<string>("--html") { Description = "Where to write the HTML page.", Required = true };
        var selection = new FunnelCommand.SelectionOptions();
        var command = new Command("report", "Write a self-contained HTML report: funnels with conversion and hints, lost reasons, deal cemetery.") { html };
        selection.AddTo(command);
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            (services, token) => RunAsync(context, services, parse.GetValue(html)!, selection.Read(parse), token),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IServiceProvider services, string path, FunnelCommand.Selection selection, CancellationToken cancellationToken)
    {
        var reports = await FunnelCommand.LoadAsync(context, services, selection, cancellationToken);
        if (reports is null)
        {
            return ExitCodes.Error;
        }

        IReportSection[] sections = [new ReportHygieneSection(), new ReportCemeterySection(), .. services.GetServices<IReportSection>()];
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            await ReportHtml.WriteAsync(writer, reports, sections, services, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        }

        File.Move(temporary, full, overwrite: true);
        context.Console.MarkupLine($"Report written to [bold]{TerminalText.Escape(full)}[/] ({reports.Sum(r => r.Pipelines.Count)} pipeline(s)).");
        return ExitCodes.Success;
    }
}
