namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>A status of a pipeline; <paramref name="Type"/> 1 is the pipeline's unsorted status.</summary>
internal sealed record AmoCrmStatusRecord(long Id, long PipelineId, string Name, int Sort, int Type, string? DatasetKey);
