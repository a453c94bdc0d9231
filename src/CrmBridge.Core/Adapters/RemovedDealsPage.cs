namespace CrmBridge.Core.Adapters;

/// <summary>One page of ids of deals that left the CRM.</summary>
public sealed record RemovedDealsPage(IReadOnlyList<string> DealIds, string? NextPageToken);
