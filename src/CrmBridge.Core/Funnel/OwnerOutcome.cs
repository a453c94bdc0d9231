namespace CrmBridge.Core.Funnel;

/// <summary>One owner's outcomes in a pipeline; <paramref name="OwnerId"/> null for deals without an owner.</summary>
public sealed record OwnerOutcome(string? OwnerId, string Name, OutcomeFigures Outcome);
