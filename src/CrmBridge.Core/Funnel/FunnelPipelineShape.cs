using CrmBridge.Core.Model;

namespace CrmBridge.Core.Funnel;

/// <summary>A pipeline as the funnel sees it: its open stages ranked in order, and which stage ids close a deal.</summary>
internal sealed class FunnelPipelineShape
{
    private readonly Dictionary<string, int> _openRanks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StageOutcome> _outcomes = new(StringComparer.Ordinal);

    public FunnelPipelineShape(Pipeline pipeline)
    {
        Pipeline = pipeline;
        OpenStages = [.. pipeline.Stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).ThenBy(s => s.ExternalId, StringComparer.Ordinal)];
        for (var i = 0; i < OpenStages.Count; i++)
        {
            _openRanks.TryAdd(OpenStages[i].ExternalId, i);
        }

        foreach (var stage in pipeline.Stages)
        {
            _outcomes.TryAdd(stage.ExternalId, stage.Outcome);
        }

        WonStage = pipeline.Stages.Where(s => s.Outcome == StageOutcome.Won).OrderBy(s => s.Order).FirstOrDefault();
    }

    public Pipeline Pipeline { get; }

    public IReadOnlyList<Stage> OpenStages { get; }

    public Stage? WonStage { get; }

    /// <summary>The rank (0-based position among open stages) of an open stage; null for closing or unknown stages.</summary>
    public int? OpenRank(string? stageId) => stageId is not null && _openRanks.TryGetValue(stageId, out var rank) ? rank : null;

    public StageOutcome? Outcome(string? stageId) => stageId is not null && _outcomes.TryGetValue(stageId, out var outcome) ? outcome : null;
}
