namespace CrmBridge.Core.ClientSuccess;

/// <summary>A plan task a run means to create, recorded (claimed) before the CRM write.</summary>
public sealed record PlanTaskIntent(
    string Connection,
    string IdempotencyKey,
    string OriginalId,
    string CopyId,
    int Cycle,
    int Period,
    string TaskKey,
    string Subject,
    DateTimeOffset DueAt);
