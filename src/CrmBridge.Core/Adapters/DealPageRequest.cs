namespace CrmBridge.Core.Adapters;

/// <summary>What page of deals to read.</summary>
/// <param name="ModifiedSince">Null for a full read; otherwise only deals modified at or after this time.</param>
/// <param name="PageToken">The token the previous page returned; null for the first page.</param>
public sealed record DealPageRequest(DateTimeOffset? ModifiedSince, string? PageToken);
