namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>The compiled rule sets of a connection, by pipeline id, and the set for deals of pipelines the mirror does not know.</summary>
internal sealed class CompiledRules(Dictionary<string, CompiledRuleSet> byPipeline, CompiledRuleSet fallback, IReadOnlyList<string> warnings)
{
    public IReadOnlyList<string> Warnings { get; } = warnings;

    public IEnumerable<CompiledRuleSet> All => byPipeline.Values.Append(fallback);

    public CompiledRuleSet For(string pipelineId) => byPipeline.TryGetValue(pipelineId, out var set) ? set : fallback;
}
