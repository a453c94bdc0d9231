namespace CrmBridge.Sandbox.Pipedrive;

internal sealed record PipedriveOptionRow(long Id, string Label);
