namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>A stage. Pipedrive stages carry no outcome: won and lost are the deal's status.</summary>
internal sealed class PipedriveStage
{
    public long Id { get; init; }

    public long PipelineId { get; init; }

    public string? Name { get; init; }

    public int OrderNr { get; init; }

    public bool IsDeleted { get; init; }
}
