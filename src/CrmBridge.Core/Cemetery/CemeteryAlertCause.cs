namespace CrmBridge.Core.Cemetery;

/// <summary>Why a stale deal is in this digest.</summary>
public enum CemeteryAlertCause
{
    /// <summary>It became stale since the last digest.</summary>
    New,

    /// <summary>It got worse: a new reason, or idle for another whole threshold.</summary>
    Worse,

    /// <summary>Still stale after the cool-down.</summary>
    Reminder,
}
