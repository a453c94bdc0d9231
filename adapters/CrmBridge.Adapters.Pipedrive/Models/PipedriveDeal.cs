using System.Text.Json;

namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>A deal as API v2 returns it. Times are RFC 3339 strings, parsed by the mapper so one bad value skips one deal, not a page.</summary>
internal sealed class PipedriveDeal
{
    public long Id { get; init; }

    public string? Title { get; init; }

    public long? OwnerId { get; init; }

    public long? PersonId { get; init; }

    public long? OrgId { get; init; }

    public long? PipelineId { get; init; }

    public long? StageId { get; init; }

    public decimal? Value { get; init; }

    public string? Currency { get; init; }

    public string? AddTime { get; init; }

    public string? UpdateTime { get; init; }

    public string? StageChangeTime { get; init; }

    public bool IsDeleted { get; init; }

    public bool IsArchived { get; init; }

    /// <summary><c>open</c>, <c>won</c>, <c>lost</c> or <c>deleted</c>.</summary>
    public string? Status { get; init; }

    public string? LostReason { get; init; }

    public string? CloseTime { get; init; }

    public string? WonTime { get; init; }

    public string? LostTime { get; init; }

    /// <summary>Only with <c>include_fields=next_activity_id</c>.</summary>
    public long? NextActivityId { get; init; }

    /// <summary>Only with <c>include_fields=last_activity_id</c>.</summary>
    public long? LastActivityId { get; init; }

    /// <summary>Only with <c>include_fields=participants_count</c>; the primary person counts too.</summary>
    public int? ParticipantsCount { get; init; }

    /// <summary>Custom field values by 40-character field key: text, number, option id, array of option ids or an object.</summary>
    public Dictionary<string, JsonElement>? CustomFields { get; init; }
}
