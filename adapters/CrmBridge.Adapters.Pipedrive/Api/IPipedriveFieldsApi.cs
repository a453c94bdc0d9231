using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Field definitions (v1), offset-paged; custom fields are keyed by 40-character hashes.</summary>
internal interface IPipedriveFieldsApi
{
    /// <param name="entity"><c>dealFields</c>, <c>organizationFields</c> or <c>personFields</c>.</param>
    [Get("/v1/{entity}")]
    Task<PipedriveResponse<List<PipedriveField>>> ListAsync(string entity, int start, int limit, CancellationToken cancellationToken);
}
