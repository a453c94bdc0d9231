using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

internal interface IHubSpotCompaniesApi
{
    [Post("/crm/v3/objects/companies/batch/read")]
    Task<HubSpotBatchResult<HubSpotObject>> BatchReadAsync([Body] HubSpotBatchReadRequest request, CancellationToken cancellationToken);
}
