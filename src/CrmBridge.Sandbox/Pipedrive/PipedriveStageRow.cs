namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>A stage; Pipedrive stages are all open, won and lost being the deal's status.</summary>
internal sealed record PipedriveStageRow(long Id, long PipelineId, string Name, int OrderNr, int Probability, string DatasetKey);
