using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

internal interface IHubSpotPropertiesApi
{
    [Get("/crm/v3/properties/deals")]
    Task<HubSpotPage<HubSpotProperty>> GetDealPropertiesAsync(CancellationToken cancellationToken);
}
