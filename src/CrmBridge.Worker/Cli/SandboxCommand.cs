using System.CommandLine;
using System.Text.Json;
using CrmBridge.Core.Connections;
using CrmBridge.Sandbox;
using CrmBridge.Worker.Output;
using Spectre.Console;

namespace CrmBridge.Worker.Cli;

/// <summary><c>crmbridge sandbox</c>: the demo's fake CRMs as a standalone server on loopback, until Ctrl+C.</summary>
internal static class SandboxCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "The loopback port to listen on (0: any free port).", DefaultValueFactory = _ => 5090 };
        var deals = new Option<int>("--deals") { Description = "How many deals to seed.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "The dataset's random seed (same seed, same dataset).", DefaultValueFactory = _ => 42 };
        var command = new Command("sandbox", "Serve the seeded fake CRMs on a loopback port, to point a config at and try every command by hand.") { port, deals, seed };
        command.SetAction(async (parse, ct) =>
        {
            await using var sandbox = CrmSandbox.Start(new SandboxOptions { Port = parse.GetValue(port), DealCount = parse.GetValue(deals), Seed = parse.GetValue(seed) });
            context.Console.MarkupLine($"[green]Sandbox running[/] with {sandbox.Dataset.Deals.Count} deals in each CRM.");
            foreach (var crm in sandbox.Crms)
            {
                context.Console.MarkupLine($"{crm.Kind} API: [bold]{crm.BaseUrl}[/]");
            }

            context.Console.MarkupLine("Save this as sandbox.json and run [bold]crmbridge sync --config sandbox.json[/] (the tokens are throwaways the sandbox made up):");
            context.Out.WriteLine(JsonSerializer.Serialize(Snippet(sandbox.Crms.Select(c => c.CreateConnectionOptions())), ReportJson.Options));
            context.Console.MarkupLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop serving.
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static object Snippet(IEnumerable<ConnectionOptions> connections) => new Dictionary<string, object>
    {
        ["CrmBridge"] = new Dictionary<string, object>
        {
            ["Connections"] = connections.ToDictionary(
                c => c.Name,
                c => (object)new { c.Kind, BaseUrl = c.BaseUrl?.ToString(), c.Token, c.FieldMap, c.Pipelines }),
        },
    };
}
