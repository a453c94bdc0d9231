using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.Dataset;

/// <summary>A stage of a logical pipeline.</summary>
/// <param name="Key">Stable logical key (see <see cref="SandboxStageKeys"/>).</param>
/// <param name="Probability">Win probability a CRM may show for the stage, 0 to 1.</param>
public sealed record SandboxStage(string Key, string Name, int Order, StageOutcome Outcome, decimal Probability);
