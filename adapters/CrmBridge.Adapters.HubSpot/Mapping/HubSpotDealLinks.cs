namespace CrmBridge.Adapters.HubSpot.Mapping;

/// <summary>A deal's company (the primary one when there are several) and contacts.</summary>
internal sealed record HubSpotDealLinks(string? CompanyId, IReadOnlyList<string> ContactIds)
{
    public static readonly HubSpotDealLinks None = new(null, []);
}
