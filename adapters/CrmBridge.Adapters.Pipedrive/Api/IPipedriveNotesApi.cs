using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Notes (v1: API v2 has no notes endpoint).</summary>
internal interface IPipedriveNotesApi
{
    [Post("/v1/notes")]
    Task<PipedriveResponse<PipedriveNote>> CreateAsync([Body] PipedriveNoteInput input, CancellationToken cancellationToken);
}
