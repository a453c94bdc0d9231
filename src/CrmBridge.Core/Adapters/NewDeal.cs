namespace CrmBridge.Core.Adapters;

/// <summary>A deal to create.</summary>
public sealed record NewDeal
{
    public required string Name { get; init; }

    public required string PipelineId { get; init; }

    public required string StageId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? OwnerId { get; init; }

    public string? CompanyId { get; init; }

    public IReadOnlyList<string> ContactIds { get; init; } = [];

    /// <summary>Custom fields by canonical name.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>An idempotency key written into the deal (<see cref="Model.CanonicalFields.DealMarker"/>) so a retry can find it again.</summary>
    public string? Marker { get; init; }
}
