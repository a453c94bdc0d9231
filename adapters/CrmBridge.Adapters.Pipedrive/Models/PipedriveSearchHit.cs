namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>A search hit; only its id is used, the deal itself is read in full afterwards.</summary>
internal sealed class PipedriveSearchHit
{
    public long Id { get; init; }

    public string? Title { get; init; }
}
