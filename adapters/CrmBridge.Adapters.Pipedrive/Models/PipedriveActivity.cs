namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>An activity (task, call, meeting...) as API v2 returns it. Due date and time are UTC.</summary>
internal sealed class PipedriveActivity
{
    public long Id { get; init; }

    public string? Subject { get; init; }

    public string? Type { get; init; }

    public long? OwnerId { get; init; }

    public long? DealId { get; init; }

    public string? DueDate { get; init; }

    public string? DueTime { get; init; }

    public bool Done { get; init; }

    public string? MarkedAsDoneTime { get; init; }

    public string? Note { get; init; }
}
