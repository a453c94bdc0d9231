namespace CrmBridge.Core.Cemetery;

/// <summary>A task in the CRM for the owner of each stale deal, written through the audited, idempotent CrmWriter.</summary>
public sealed class CrmTaskChannelOptions
{
    /// <summary>It writes to the CRM, so it is off until enabled.</summary>
    /// <value>Defaults to false.</value>
    public bool Enabled { get; set; }

    /// <summary>Record the tasks in the audit log without creating them.</summary>
    /// <value>Defaults to false (enabling the channel is the explicit choice to write).</value>
    public bool DryRun { get; set; }

    /// <summary>Days from the alert to the task's due time.</summary>
    /// <value>Defaults to 1.</value>
    public int DueInDays { get; set; } = 1;
}
