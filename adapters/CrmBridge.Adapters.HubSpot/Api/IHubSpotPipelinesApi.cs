using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

internal interface IHubSpotPipelinesApi
{
    [Get("/crm/v3/pipelines/deals")]
    Task<HubSpotPage<HubSpotPipeline>> GetDealPipelinesAsync(CancellationToken cancellationToken);
}
