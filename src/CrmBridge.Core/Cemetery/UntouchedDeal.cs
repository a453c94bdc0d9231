namespace CrmBridge.Core.Cemetery;

/// <summary>One of a pipeline's longest-untouched open deals.</summary>
public sealed record UntouchedDeal(string DealId, string Name, string StageName, string? OwnerName, DateTimeOffset LastTouchedAt, double IdleDays);
