namespace CrmBridge.Adapters.Pipedrive.Models;

internal sealed class PipedrivePipeline
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public int OrderNr { get; init; }

    public bool IsDeleted { get; init; }
}
