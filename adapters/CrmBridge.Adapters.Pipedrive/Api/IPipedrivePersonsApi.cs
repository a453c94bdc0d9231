using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Persons (API v2): by up to 100 ids per call, or every person linked to one deal.</summary>
internal interface IPipedrivePersonsApi
{
    [Get("/api/v2/persons")]
    Task<PipedriveResponse<List<PipedrivePerson>>> ListByIdsAsync(string ids, int limit, CancellationToken cancellationToken);

    [Get("/api/v2/persons")]
    Task<PipedriveResponse<List<PipedrivePerson>>> ListByDealAsync(
        [AliasAs("deal_id")] long dealId, int limit, string? cursor, CancellationToken cancellationToken);
}
