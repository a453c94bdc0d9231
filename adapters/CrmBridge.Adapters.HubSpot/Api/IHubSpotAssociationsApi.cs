using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

/// <summary>v4 associations: the links of many objects in one call.</summary>
internal interface IHubSpotAssociationsApi
{
    [Post("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read")]
    Task<HubSpotBatchResult<HubSpotAssociationBatchItem>> BatchReadAsync(
        string fromObjectType, string toObjectType, [Body] HubSpotAssociationBatchRequest request, CancellationToken cancellationToken);
}
