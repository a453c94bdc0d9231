using CrmBridge.Worker.Cli;

return await CrmBridgeCli.InvokeAsync(args, CliContext.ForProcess());
