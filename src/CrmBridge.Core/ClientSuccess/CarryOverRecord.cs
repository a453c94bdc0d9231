namespace CrmBridge.Core.ClientSuccess;

/// <summary>The stored carry-over of one won deal: intent, claim, link to the copy and the copy's calendar position.</summary>
public sealed record CarryOverRecord
{
    public required string Connection { get; init; }

    public required string OriginalId { get; init; }

    public required string OriginalName { get; init; }

    public required string Marker { get; init; }

    public required DateTimeOffset SignedAt { get; init; }

    public required CsCadence Cadence { get; init; }

    public bool MonthlyBilling { get; init; }

    public string? OwnerId { get; init; }

    public required CarryOverState State { get; init; }

    /// <summary>The run holding the claim; null when none does.</summary>
    public string? ClaimedBy { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>How many runs have claimed the deal.</summary>
    public int Attempts { get; init; }

    /// <summary>The copy in the CS pipeline, once known.</summary>
    public string? CopyId { get; init; }

    /// <summary>Renewal count: the calendar cycle the copy was last moved into.</summary>
    public int Cycle { get; init; }

    /// <summary>The period the copy was last moved into; 1 when carried over.</summary>
    public int Period { get; init; }

    public string? StageId { get; init; }

    public string? Error { get; init; }

    public required DateTimeOffset IntentAt { get; init; }

    public DateTimeOffset? LinkedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? AdvancedAt { get; init; }
}
