using System.CommandLine;
using CrmBridge.Core.Storage;
using CrmBridge.Worker.Output;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Worker.Cli;

/// <summary><c>crmbridge deals [--connection NAME] [--format table|json|csv]</c>: exports the mirror.</summary>
internal static class DealsCommand
{
    public static Command Create(CliContext context)
    {
        var connection = CliOptions.Connection();
        var format = CliOptions.Format(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var command = new Command("deals", "Export the deals in the local store (for scripts and spreadsheets).") { connection, format };
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            async (services, token) =>
            {
                var reader = new DealRowReader(services.GetRequiredService<ICrmStore>());
                await DealExport.WriteAsync(context, reader.ReadAsync(new DealQuery(parse.GetValue(connection)), token), parse.GetValue(format), token);
                return ExitCodes.Success;
            },
            ct));
        return command;
    }
}
