namespace CrmBridge.Sandbox;

/// <summary>What a sandbox CRM holds for a deal, in CRM ids, dialect-neutral.</summary>
public sealed record SandboxDealState(
    string Id,
    string Name,
    string PipelineId,
    string StageId,
    decimal? Amount,
    string? OwnerId,
    string? CompanyId,
    IReadOnlyList<string> ContactIds,
    IReadOnlyDictionary<string, string?> Fields);
