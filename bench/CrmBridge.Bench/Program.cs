using CrmBridge.Bench;

return await BenchProgram.RunAsync(args);
