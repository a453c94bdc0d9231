using CrmBridge.Adapters.Pipedrive.Models;
using Refit;

namespace CrmBridge.Adapters.Pipedrive.Api;

/// <summary>Pipelines and stages (API v2).</summary>
internal interface IPipedrivePipelinesApi
{
    [Get("/api/v2/pipelines")]
    Task<PipedriveResponse<List<PipedrivePipeline>>> ListPipelinesAsync(int limit, string? cursor, CancellationToken cancellationToken);

    [Get("/api/v2/stages")]
    Task<PipedriveResponse<List<PipedriveStage>>> ListStagesAsync(int limit, string? cursor, CancellationToken cancellationToken);
}
