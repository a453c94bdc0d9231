using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

/// <summary>Deals: list (live or archived), search, create and update.</summary>
internal interface IHubSpotDealsApi
{
    [Get("/crm/v3/objects/deals")]
    Task<HubSpotPage<HubSpotObject>> ListAsync(
        int limit, string? after, string? properties, string? associations, string archived, CancellationToken cancellationToken);

    [Post("/crm/v3/objects/deals/search")]
    Task<HubSpotSearchPage> SearchAsync([Body] HubSpotSearchRequest request, CancellationToken cancellationToken);

    [Post("/crm/v3/objects/deals")]
    Task<HubSpotObject> CreateAsync([Body] HubSpotObjectInput input, CancellationToken cancellationToken);

    [Patch("/crm/v3/objects/deals/{dealId}")]
    Task<HubSpotObject> UpdateAsync(string dealId, [Body] HubSpotObjectInput input, CancellationToken cancellationToken);
}
