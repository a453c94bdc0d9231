using CrmBridge.Adapters.HubSpot.Models;
using Refit;

namespace CrmBridge.Adapters.HubSpot.Api;

/// <summary>Tasks and notes, each created with an association to its deal.</summary>
internal interface IHubSpotEngagementsApi
{
    [Post("/crm/v3/objects/tasks")]
    Task<HubSpotObject> CreateTaskAsync([Body] HubSpotObjectInput input, CancellationToken cancellationToken);

    [Post("/crm/v3/objects/notes")]
    Task<HubSpotObject> CreateNoteAsync([Body] HubSpotObjectInput input, CancellationToken cancellationToken);
}
