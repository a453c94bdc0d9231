namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>A status (stage) of a pipeline; <c>type</c> 1 is the pipeline's unsorted status.</summary>
internal sealed class AmoCrmStatus
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public int Sort { get; init; }

    public long PipelineId { get; init; }

    public int Type { get; init; }
}
