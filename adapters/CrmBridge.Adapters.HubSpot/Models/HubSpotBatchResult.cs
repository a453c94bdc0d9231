namespace CrmBridge.Adapters.HubSpot.Models;

/// <summary>The answer of a batch read; unknown ids are left out of <see cref="Results"/>.</summary>
internal sealed class HubSpotBatchResult<T>
{
    public string? Status { get; init; }

    public List<T>? Results { get; init; }
}
