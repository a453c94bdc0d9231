namespace CrmBridge.Core.Model;

/// <summary>One stage of a pipeline. Stages are keyed by id, never by label, so renames do not break them.</summary>
public sealed record Stage(
    string ExternalId,
    string PipelineId,
    string Name,
    int Order,
    StageOutcome Outcome);
