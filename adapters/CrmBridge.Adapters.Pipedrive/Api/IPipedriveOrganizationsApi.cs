using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Organizations (API v2), read by up to 100 ids per call.</summary>
internal interface IPipedriveOrganizationsApi
{
    [Get("/api/v2/organizations")]
    Task<PipedriveResponse<List<PipedriveOrganization>>> ListByIdsAsync(string ids, int limit, CancellationToken cancellationToken);
}
