namespace CrmBridge.Core.Cemetery;

/// <summary>Which outbox messages to read, newest first; null members do not filter.</summary>
public sealed record CemeteryOutboxQuery(string? Connection = null, CemeteryOutboxStatus? Status = null, string? Channel = null, int Limit = 1000);
