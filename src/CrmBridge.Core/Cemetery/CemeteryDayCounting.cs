namespace CrmBridge.Core.Cemetery;

/// <summary>How idle time is counted against a stage's threshold.</summary>
public enum CemeteryDayCounting
{
    /// <summary>Every day counts, weekends and holidays included.</summary>
    Calendar,

    /// <summary>Only working days count: not a weekend day and not a listed holiday, in the team's time zone.</summary>
    BusinessDays,
}
