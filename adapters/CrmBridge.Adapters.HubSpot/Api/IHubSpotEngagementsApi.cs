using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

/// <summary>Tasks and notes, each created with an association to its deal, and read back by id.</summary>
internal interface IHubSpotEngagementsApi
{
    [Post("/crm/v3/objects/tasks")]
    Task<HubSpotObject> CreateTaskAsync([Body] HubSpotObjectInput input, CancellationToken cancellationToken);

    [Post("/crm/v3/objects/notes")]
    Task<HubSpotObject> CreateNoteAsync([Body] HubSpotObjectInput input, CancellationToken cancellationToken);

    /// <summary>Tasks or notes by id (<paramref name="objectType"/> <c>tasks</c> or <c>notes</c>), at most 100 per call.</summary>
    [Post("/crm/v3/objects/{objectType}/batch/read")]
    Task<HubSpotBatchResult<HubSpotObject>> BatchReadAsync(string objectType, [Body] HubSpotBatchReadRequest request, CancellationToken cancellationToken);
}
