using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Activities (API v2): read by up to 100 ids per call, and create.</summary>
internal interface IPipedriveActivitiesApi
{
    [Get("/api/v2/activities")]
    Task<PipedriveResponse<List<PipedriveActivity>>> ListByIdsAsync(string ids, int limit, CancellationToken cancellationToken);

    [Post("/api/v2/activities")]
    Task<PipedriveResponse<PipedriveActivity>> CreateAsync([Body] PipedriveActivityInput input, CancellationToken cancellationToken);
}
