using System.Text.Json;
using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Deals (API v2): list, archived list, read, search, create, update; extra participants through v1.</summary>
internal interface IPipedriveDealsApi
{
    [Get("/api/v2/deals")]
    Task<PipedriveResponse<List<PipedriveDeal>>> ListAsync(
        int limit,
        string? cursor,
        [AliasAs("updated_since")] string? updatedSince,
        [AliasAs("sort_by")] string? sortBy,
        [AliasAs("sort_direction")] string? sortDirection,
        string? status,
        [AliasAs("include_fields")] string? includeFields,
        [AliasAs("custom_fields")] string? customFields,
        CancellationToken cancellationToken);

    [Get("/api/v2/deals/archived")]
    Task<PipedriveResponse<List<PipedriveDeal>>> ListArchivedAsync(
        int limit, string? cursor, [AliasAs("updated_since")] string? updatedSince, CancellationToken cancellationToken);

    [Get("/api/v2/deals/{id}")]
    Task<PipedriveResponse<PipedriveDeal>> GetAsync(long id, [AliasAs("include_fields")] string? includeFields, CancellationToken cancellationToken);

    [Get("/api/v2/deals/search")]
    Task<PipedriveResponse<PipedriveSearchResult>> SearchAsync(
        string term, string fields, [AliasAs("exact_match")] string exactMatch, int limit, CancellationToken cancellationToken);

    [Post("/api/v2/deals")]
    Task<PipedriveResponse<PipedriveDeal>> CreateAsync([Body] PipedriveDealInput input, CancellationToken cancellationToken);

    [Patch("/api/v2/deals/{id}")]
    Task<PipedriveResponse<PipedriveDeal>> UpdateAsync(long id, [Body] PipedriveDealInput input, CancellationToken cancellationToken);

    [Post("/v1/deals/{id}/participants")]
    Task<PipedriveResponse<JsonElement>> AddParticipantAsync(long id, [Body] PipedriveParticipantInput input, CancellationToken cancellationToken);
}
