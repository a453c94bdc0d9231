namespace CrmBridge.Core.Hygiene;

/// <summary>A deal a sweep could not check, and why (it is logged too).</summary>
/// <param name="DealId">Null when the stored row could not even be read.</param>
public sealed record HygieneSkippedDeal(string? DealId, string Reason);
