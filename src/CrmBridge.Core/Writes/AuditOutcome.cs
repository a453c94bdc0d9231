namespace CrmBridge.Core.Writes;

/// <summary>How a write ended. Pending means the intent was recorded and the result is not yet known.</summary>
public enum AuditOutcome
{
    Pending,
    Succeeded,
    Failed,
    DryRun,
}
