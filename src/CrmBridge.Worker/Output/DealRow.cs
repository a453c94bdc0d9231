namespace CrmBridge.Worker.Output;

/// <summary>One exported deal, with ids resolved to the names people know.</summary>
internal sealed record DealRow(
    string Connection,
    string Id,
    string Name,
    string Pipeline,
    string Stage,
    string Status,
    decimal? Amount,
    string? Currency,
    string? Owner,
    string? Company,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StageEnteredAt,
    DateTimeOffset? LastActivityAt,
    DateTimeOffset? NextActivityAt,
    DateTimeOffset? ClosedAt,
    string? LostReason);
