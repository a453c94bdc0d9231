namespace CrmBridge.Adapters.HubSpot.Models;

/// <summary>A page of search results (objects without associations).</summary>
internal sealed class HubSpotSearchPage
{
    public int Total { get; init; }

    public List<HubSpotObject>? Results { get; init; }

    public HubSpotPaging? Paging { get; init; }
}
