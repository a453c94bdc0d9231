using CrmBridge.Core.Storage;

namespace CrmBridge.Worker.Output;

/// <summary>A connection's pipeline, stage and owner names by id; unknown ids print as themselves.</summary>
internal sealed class ConnectionNames
{
    private readonly Dictionary<string, string> _pipelines = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Pipeline, string Stage), string> _stages = [];
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public static async Task<ConnectionNames> LoadAsync(ICrmStore store, string connection, CancellationToken cancellationToken)
    {
        var names = new ConnectionNames();
        foreach (var pipeline in await store.GetPipelinesAsync(connection, cancellationToken))
        {
            names._pipelines[pipeline.ExternalId] = pipeline.Name;
            foreach (var stage in pipeline.Stages)
            {
                names._stages[(pipeline.ExternalId, stage.ExternalId)] = stage.Name;
            }
        }

        foreach (var owner in await store.GetOwnersAsync(connection, cancellationToken))
        {
            names._owners[owner.ExternalId] = owner.Name;
        }

        return names;
    }

    public string Pipeline(string id) => _pipelines.GetValueOrDefault(id, id);

    public string Stage(string pipelineId, string stageId) => _stages.GetValueOrDefault((pipelineId, stageId), stageId);

    public string? Owner(string? id) => id is null ? null : _owners.GetValueOrDefault(id, id);
}
