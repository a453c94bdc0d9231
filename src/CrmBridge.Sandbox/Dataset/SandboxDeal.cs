using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.Dataset;

/// <summary>A deal of the logical dataset. Times are UTC, whole milliseconds, at or before the dataset's Now except <see cref="NextActivityAt"/>.</summary>
public sealed record SandboxDeal
{
    public required string Key { get; init; }

    public required string Name { get; init; }

    public required string PipelineKey { get; init; }

    public required string StageKey { get; init; }

    /// <summary>Amount in <see cref="Currency"/>; null when deliberately missing.</summary>
    public decimal? Amount { get; init; }

    public string Currency { get; init; } = "RUB";

    public required string OwnerKey { get; init; }

    public string? CompanyKey { get; init; }

    public IReadOnlyList<string> ContactKeys { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required DateTimeOffset StageEnteredAt { get; init; }

    public DateTimeOffset? LastActivityAt { get; init; }

    public DateTimeOffset? NextActivityAt { get; init; }

    public DealStatus Status { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>One of <see cref="SalesMethodDefaults.LossReasons"/> for lost deals; null otherwise (or when deliberately missing).</summary>
    public string? LostReason { get; init; }

    /// <summary>The canonical field <c>deal.source</c>: one of <see cref="SalesMethodDefaults.DealSources"/>, or null.</summary>
    public string? Source { get; init; }
}
