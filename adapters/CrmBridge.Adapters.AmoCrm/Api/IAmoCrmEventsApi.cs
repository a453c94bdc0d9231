using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

/// <summary>The events API: the only source of a lead's stage-change and last-activity times.</summary>
internal interface IAmoCrmEventsApi
{
    [Get("/api/v4/events")]
    [QueryUriFormat(UriFormat.Unescaped)]
    Task<AmoCrmPage?> ListAsync(
        int page,
        int limit,
        [AliasAs("filter[entity]")] string entity,
        [AliasAs("filter[type]")] string types,
        [AliasAs("filter[created_at][from]")] long? createdFrom,
        [AliasAs("filter[entity_id][]")][Query(CollectionFormat.Multi)] IEnumerable<long>? entityIds,
        CancellationToken cancellationToken);
}
