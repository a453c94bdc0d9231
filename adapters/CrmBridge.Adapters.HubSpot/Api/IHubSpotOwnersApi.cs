using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

internal interface IHubSpotOwnersApi
{
    [Get("/crm/v3/owners")]
    Task<HubSpotPage<HubSpotOwner>> ListAsync(int limit, string? after, CancellationToken cancellationToken);
}
