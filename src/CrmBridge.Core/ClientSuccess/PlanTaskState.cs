namespace CrmBridge.Core.ClientSuccess;

/// <summary>Where one plan task stands.</summary>
public enum PlanTaskState
{
    /// <summary>Claimed; the task may or may not exist in the CRM yet.</summary>
    Pending,

    /// <summary>Created in the CRM; never created again.</summary>
    Created,
}
