using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

internal interface IAmoCrmCompaniesApi
{
    [Get("/api/v4/companies")]
    [QueryUriFormat(UriFormat.Unescaped)]
    Task<AmoCrmPage?> ListByIdsAsync(
        int limit, [AliasAs("filter[id][]")][Query(CollectionFormat.Multi)] IEnumerable<long> ids, CancellationToken cancellationToken);
}
