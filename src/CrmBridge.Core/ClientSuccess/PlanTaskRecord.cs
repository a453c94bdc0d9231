namespace CrmBridge.Core.ClientSuccess;

/// <summary>A stored plan task of a CS deal.</summary>
public sealed record PlanTaskRecord
{
    public required string Connection { get; init; }

    public required string IdempotencyKey { get; init; }

    public required string OriginalId { get; init; }

    public required string CopyId { get; init; }

    public required int Cycle { get; init; }

    public required int Period { get; init; }

    public required string TaskKey { get; init; }

    public required string Subject { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required PlanTaskState State { get; init; }

    public string? ClaimedBy { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public int Attempts { get; init; }

    /// <summary>The task's id in the CRM, once created.</summary>
    public string? TaskId { get; init; }

    public string? Error { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
}
