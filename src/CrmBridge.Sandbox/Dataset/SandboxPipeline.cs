namespace CrmBridge.Sandbox.Dataset;

/// <summary>A logical pipeline with its stages in order.</summary>
public sealed record SandboxPipeline(string Key, string Name, int Order, IReadOnlyList<SandboxStage> Stages)
{
    public SandboxStage GetStage(string key) =>
        Stages.FirstOrDefault(s => s.Key == key) ?? throw new ArgumentException($"Pipeline {Key} has no stage {key}.", nameof(key));
}
