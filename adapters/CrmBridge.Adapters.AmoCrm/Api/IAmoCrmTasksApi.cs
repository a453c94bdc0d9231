using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

internal interface IAmoCrmTasksApi
{
    /// <summary>The tasks of the given leads; an empty list answers 204 with no body.</summary>
    [Get("/api/v4/tasks")]
    [QueryUriFormat(UriFormat.Unescaped)]
    Task<AmoCrmPage?> ListByLeadAsync(
        int page,
        int limit,
        [AliasAs("filter[entity_type]")] string entityType,
        [AliasAs("filter[entity_id][]")] long entityId,
        CancellationToken cancellationToken);

    [Post("/api/v4/tasks")]
    Task<AmoCrmPage?> CreateAsync([Body] List<AmoCrmTaskInput> tasks, CancellationToken cancellationToken);
}
