namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>A deal as the sandbox Pipedrive account holds it, in Pipedrive's terms: ids, status, custom values by field name.</summary>
/// <param name="CustomFields">Custom field values by field name (not key), option ids shown as their labels.</param>
public sealed record PipedriveSandboxDeal(
    string Id,
    string Title,
    string PipelineId,
    string StageId,
    string Status,
    decimal Value,
    string Currency,
    string OwnerId,
    string? OrgId,
    string? PersonId,
    IReadOnlyList<string> ParticipantIds,
    string? LostReason,
    DateTimeOffset AddTime,
    DateTimeOffset UpdateTime,
    DateTimeOffset? StageChangeTime,
    bool IsDeleted,
    bool IsArchived,
    string? MergedIntoId,
    IReadOnlyDictionary<string, string?> CustomFields,
    string? DatasetKey);
