namespace CrmBridge.Core.Hygiene;

/// <summary>What a sweep does about the findings it can fix.</summary>
public enum HygieneFixMode
{
    /// <summary>Report only.</summary>
    Off,

    /// <summary>Plan the fixes and record them in the audit log as dry runs; nothing is sent.</summary>
    DryRun,

    /// <summary>Send the fixes through the audited writer.</summary>
    Apply,
}
