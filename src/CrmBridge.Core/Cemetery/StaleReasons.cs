namespace CrmBridge.Core.Cemetery;

/// <summary>Why a deal is stale; a deal may have both reasons.</summary>
[Flags]
public enum StaleReasons
{
    None = 0,

    /// <summary>No activity and no stage change for longer than its stage's threshold.</summary>
    NoActivity = 1,

    /// <summary>No next activity planned.</summary>
    NoNextActivity = 2,
}
