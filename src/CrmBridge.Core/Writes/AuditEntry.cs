namespace CrmBridge.Core.Writes;

/// <summary>One write CrmBridge made (or would make, in a dry run) to a CRM, with the values before and after as JSON.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }

    public required string Connection { get; init; }

    public required AuditOperation Operation { get; init; }

    /// <summary>deal, task or note.</summary>
    public required string EntityType { get; init; }

    /// <summary>The record written; null for a create until it succeeds.</summary>
    public string? EntityId { get; init; }

    /// <summary>Makes the write idempotent: a second write with the same key finds the first.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Who asked: a job name or a CLI command.</summary>
    public required string Actor { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public string? Error { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
