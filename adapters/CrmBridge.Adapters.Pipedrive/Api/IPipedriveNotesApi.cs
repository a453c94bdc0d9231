using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Notes (v1: API v2 has no notes endpoint).</summary>
internal interface IPipedriveNotesApi
{
    /// <summary>The notes of one deal, an offset page at a time (<c>data</c> is null when there are none).</summary>
    [Get("/v1/notes")]
    Task<PipedriveResponse<List<PipedriveNote>>> ListByDealAsync([AliasAs("deal_id")] long dealId, int start, int limit, CancellationToken cancellationToken);

    [Post("/v1/notes")]
    Task<PipedriveResponse<PipedriveNote>> CreateAsync([Body] PipedriveNoteInput input, CancellationToken cancellationToken);
}
