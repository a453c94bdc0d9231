namespace CrmBridge.Sandbox.Pipedrive;

internal sealed record PipedrivePipelineRow(long Id, string Name, int OrderNr, string DatasetKey);
