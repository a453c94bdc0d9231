namespace CrmBridge.Adapters.HubSpot.Models;

/// <summary>A page of a list endpoint; <see cref="Paging"/> is absent on the last page.</summary>
internal sealed class HubSpotPage<T>
{
    public List<T>? Results { get; init; }

    public HubSpotPaging? Paging { get; init; }
}
