using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Users (v1: API v2 has no users list).</summary>
internal interface IPipedriveUsersApi
{
    [Get("/v1/users")]
    Task<PipedriveResponse<List<PipedriveUser>>> ListAsync(CancellationToken cancellationToken);
}
