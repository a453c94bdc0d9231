namespace CrmBridge.Adapters.Pipedrive.Models;

internal sealed class PipedriveSearchItem
{
    public double ResultScore { get; init; }

    public PipedriveSearchHit? Item { get; init; }
}
