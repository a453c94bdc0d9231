namespace CrmBridge.Sandbox.Pipedrive;

internal sealed class PipedriveActivityRow
{
    public required long Id { get; init; }

    public required string Subject { get; init; }

    public string Type { get; init; } = "task";

    public long? OwnerId { get; init; }

    public long? DealId { get; set; }

    /// <summary>The due moment, UTC, to the second; the wire splits it into due_date and due_time.</summary>
    public required DateTimeOffset DueAt { get; init; }

    public bool HasDueTime { get; init; } = true;

    public bool Done { get; init; }

    public DateTimeOffset? MarkedAsDoneTime { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset AddTime { get; init; }
}
