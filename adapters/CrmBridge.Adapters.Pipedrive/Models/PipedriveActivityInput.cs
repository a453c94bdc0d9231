namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>The body of <c>POST /api/v2/activities</c>.</summary>
internal sealed class PipedriveActivityInput
{
    public required string Subject { get; init; }

    public string Type { get; init; } = "task";

    public long? OwnerId { get; init; }

    public required long DealId { get; init; }

    /// <summary>YYYY-MM-DD, UTC.</summary>
    public required string DueDate { get; init; }

    /// <summary>HH:MM, UTC.</summary>
    public string? DueTime { get; init; }

    public string? Note { get; init; }

    public bool Done { get; init; }
}
