using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

internal interface IHubSpotContactsApi
{
    [Post("/crm/v3/objects/contacts/batch/read")]
    Task<HubSpotBatchResult<HubSpotObject>> BatchReadAsync([Body] HubSpotBatchReadRequest request, CancellationToken cancellationToken);
}
