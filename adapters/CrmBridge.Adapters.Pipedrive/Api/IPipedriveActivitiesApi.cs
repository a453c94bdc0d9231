using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Activities (API v2): read by up to 100 ids per call or by deal, and create.</summary>
internal interface IPipedriveActivitiesApi
{
    [Get("/api/v2/activities")]
    Task<PipedriveResponse<List<PipedriveActivity>>> ListByIdsAsync(string ids, int limit, CancellationToken cancellationToken);

    /// <summary>The activities of one deal, a cursor page at a time.</summary>
    [Get("/api/v2/activities")]
    Task<PipedriveResponse<List<PipedriveActivity>>> ListByDealAsync([AliasAs("deal_id")] long dealId, int limit, string? cursor, CancellationToken cancellationToken);

    [Post("/api/v2/activities")]
    Task<PipedriveResponse<PipedriveActivity>> CreateAsync([Body] PipedriveActivityInput input, CancellationToken cancellationToken);
}
