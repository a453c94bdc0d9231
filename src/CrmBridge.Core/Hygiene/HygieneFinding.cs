namespace CrmBridge.Core.Hygiene;

/// <summary>
/// One thing wrong with a deal (or with the company or contact it links), as a sweep found it. Stored findings carry
/// their id and history: first seen, last seen, and when they resolved (null while open).
/// </summary>
public sealed record HygieneFinding
{
    /// <summary>Zero until stored.</summary>
    public long Id { get; init; }

    public required string Connection { get; init; }

    public required string DealId { get; init; }

    /// <summary>The rule id (<see cref="HygieneRules"/>).</summary>
    public required string Rule { get; init; }

    /// <summary>What the rule found (<see cref="HygieneChecks"/>).</summary>
    public required string Check { get; init; }

    /// <summary>The record that holds the problem: <c>deal</c>, <c>company</c> or <c>contact</c>.</summary>
    public required string Subject { get; init; }

    public required string SubjectId { get; init; }

    /// <summary>The field concerned, by canonical name; null when the finding is about the record as a whole.</summary>
    public string? Field { get; init; }

    public HygieneSeverity Severity { get; init; }

    public string? OwnerId { get; init; }

    public string? PipelineId { get; init; }

    /// <summary>Human-readable detail (the bad value, the expected name), at most a few hundred characters.</summary>
    public required string Detail { get; init; }

    /// <summary>The value that would fix the finding, when the fix is unambiguous.</summary>
    public string? FixValue { get; init; }

    public DateTimeOffset FirstSeenAt { get; init; }

    public DateTimeOffset LastSeenAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Identifies the finding within its deal across sweeps: the same problem gets the same key.</summary>
    public string Key => $"{Rule}|{Check}|{Subject}:{SubjectId}|{Field}";

    /// <summary>True when a sweep can fix it through the writer: the fix changes the deal itself.</summary>
    public bool CanFix => FixValue is not null && Field is not null && Subject == HygieneSubjects.Deal;
}
