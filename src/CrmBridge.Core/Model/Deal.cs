namespace CrmBridge.Core.Model;

/// <summary>A deal in the common pipeline model. Times are UTC.</summary>
public sealed record Deal
{
    public required string Connection { get; init; }

    public required string ExternalId { get; init; }

    public required string Name { get; init; }

    public required string PipelineId { get; init; }

    /// <summary>The stage the deal is in; for CRMs that mark won/lost on the deal, the stage it was in when it closed.</summary>
    public required string StageId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? OwnerId { get; init; }

    public string? CompanyId { get; init; }

    public IReadOnlyList<string> ContactIds { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the deal entered its current stage, as the CRM reports it; null when the CRM does not know.</summary>
    public DateTimeOffset? StageEnteredAt { get; init; }

    public DateTimeOffset? LastActivityAt { get; init; }

    public DateTimeOffset? NextActivityAt { get; init; }

    public DealStatus Status { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? LostReason { get; init; }

    /// <summary>Custom fields, keyed by canonical name (<c>deal.source</c>, ...).</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = EmptyFields.Instance;
}
