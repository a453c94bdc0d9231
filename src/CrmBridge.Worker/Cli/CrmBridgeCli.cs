using System.CommandLine;

namespace CrmBridge.Worker.Cli;

/// <summary>The <c>crmbridge</c> command line: every verb shares one host setup.</summary>
internal static class CrmBridgeCli
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("CrmBridge: pulls deals from HubSpot, Pipedrive, amoCRM and Bitrix24 into one model, checks and automates them.")
        {
            CliOptions.Config,
        };
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(SyncCommand.Create(context));
        root.Subcommands.Add(HygieneCommand.Create(context));
        root.Subcommands.Add(UndoCommand.Create(context));
        root.Subcommands.Add(DealsCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(SandboxCommand.Create(context));
        root.Subcommands.Add(ClientSuccessCommand.Create(context));
        root.Subcommands.Add(CemeteryCommand.Create(context));
        root.Subcommands.Add(FunnelCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        return root;
    }

    public static Task<int> InvokeAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = Create(context).Parse(args);
        return parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
    }
}
