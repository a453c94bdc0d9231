using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

/// <summary>Leads: list (by modification time, by ids, deleted ones), search, read one, create, update. Lists answer 204 with no body when empty.</summary>
internal interface IAmoCrmLeadsApi
{
    // Brackets stay literal: amoCRM reads them either way, and 250 escaped filter[id][] keys would make the URL too long.
    [Get("/api/v4/leads")]
    [QueryUriFormat(UriFormat.Unescaped)]
    Task<AmoCrmPage?> ListAsync(
        int page,
        int limit,
        string? with,
        [AliasAs("filter[updated_at][from]")] long? updatedFrom,
        [AliasAs("order[updated_at]")] string? orderByUpdatedAt,
        [AliasAs("filter[id][]")][Query(CollectionFormat.Multi)] IEnumerable<long>? ids,
        CancellationToken cancellationToken);

    [Get("/api/v4/leads")]
    Task<AmoCrmPage?> SearchAsync(int page, int limit, string with, string query, CancellationToken cancellationToken);

    [Get("/api/v4/leads/{id}")]
    Task<AmoCrmLead?> GetAsync(long id, string with, CancellationToken cancellationToken);

    [Post("/api/v4/leads")]
    Task<AmoCrmPage?> CreateAsync([Body] List<AmoCrmLeadInput> leads, CancellationToken cancellationToken);

    [Patch("/api/v4/leads/{id}")]
    Task<AmoCrmLead?> UpdateAsync(long id, [Body] AmoCrmLeadInput lead, CancellationToken cancellationToken);
}
