using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>For one stage: the fields required by the exit criteria of the stages before it, and those including its own.</summary>
/// <param name="Origin">For each field of <paramref name="ThroughThis"/>, the stage whose exit criteria ask for it.</param>
internal sealed record StageRequirements(
    string StageId,
    string Name,
    StageOutcome Outcome,
    FieldAccessor[] BeforeThis,
    FieldAccessor[] ThroughThis,
    IReadOnlyDictionary<string, string> Origin);
