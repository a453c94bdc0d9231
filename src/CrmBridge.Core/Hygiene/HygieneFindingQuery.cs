namespace CrmBridge.Core.Hygiene;

/// <summary>Which findings to read; null members do not filter.</summary>
/// <param name="OpenOnly">Only findings not resolved yet.</param>
public sealed record HygieneFindingQuery(string? Connection = null, bool OpenOnly = true, string? DealId = null, string? Rule = null, int Limit = int.MaxValue);
