using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;

namespace CrmBridge.Core.ClientSuccess;

/// <summary>What both Client Success engines need to know about one connection: its CS pipeline, period stages and settings.</summary>
internal sealed record CsConnectionSetup(
    ConnectionOptions Connection,
    string PipelineId,
    IReadOnlyList<string> PeriodStageIds,
    ClientSuccessOptions Options,
    ClientSuccessConnectionOptions ConnectionOptions,
    TimeZoneInfo Zone)
{
    /// <summary>The stage of a period, or null when the pipeline has too few stages.</summary>
    public string? StageFor(int period) => period >= 1 && period <= PeriodStageIds.Count ? PeriodStageIds[period - 1] : null;

    /// <summary>Loads the setup, or returns why the connection cannot take part (a message naming the key).</summary>
    public static async Task<(CsConnectionSetup? Setup, string? Problem)> LoadAsync(
        CrmBridgeOptions bridge, ClientSuccessOptions options, ICrmStore store, string connection, CancellationToken cancellationToken)
    {
        var connectionOptions = bridge.FindConnection(connection);
        if (connectionOptions is null)
        {
            return (null, $"No connection named '{connection}'. Configured: {string.Join(", ", bridge.Connections.Keys)}.");
        }

        if (string.IsNullOrWhiteSpace(connectionOptions.Pipelines.ClientSuccess))
        {
            return (null, $"{connectionOptions.ConfigKey}:Pipelines:ClientSuccess is not set: this connection has no Client Success pipeline.");
        }

        var pipelineId = connectionOptions.Pipelines.ClientSuccess;
        var pipelines = await store.GetPipelinesAsync(connection, cancellationToken);
        var pipeline = pipelines.FirstOrDefault(p => p.ExternalId == pipelineId);
        if (pipeline is null)
        {
            return (null, pipelines.Count == 0
                ? $"The store holds no pipelines of '{connection}' yet: run `crmbridge sync --connection {connection}` first."
                : $"{connectionOptions.ConfigKey}:Pipelines:ClientSuccess '{pipelineId}' is not a pipeline of '{connection}' (it has {string.Join(", ", pipelines.Select(p => p.ExternalId))}).");
        }

        var perConnection = options.ForConnection(connection);
        IReadOnlyList<string> stageIds;
        if (perConnection.StageIds.Count > 0)
        {
            var unknown = perConnection.StageIds.Where(id => pipeline.Stages.All(s => s.ExternalId != id)).ToList();
            if (unknown.Count > 0)
            {
                return (null, $"{ClientSuccessOptions.SectionName}:Connections:{connection}:StageIds names stages not in pipeline '{pipelineId}': {string.Join(", ", unknown)}.");
            }

            stageIds = perConnection.StageIds;
        }
        else
        {
            stageIds = [.. pipeline.Stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).Select(s => s.ExternalId)];
        }

        if (stageIds.Count == 0)
        {
            return (null, $"Client Success pipeline '{pipelineId}' of '{connection}' has no open stages.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        return (new CsConnectionSetup(connectionOptions, pipelineId, stageIds, options, perConnection, zone), null);
    }
}
