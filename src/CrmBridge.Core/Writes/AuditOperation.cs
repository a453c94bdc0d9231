namespace CrmBridge.Core.Writes;

/// <summary>The kinds of write CrmBridge makes to a CRM.</summary>
public enum AuditOperation
{
    CreateDeal,
    UpdateDeal,
    CreateTask,
    AddNote,
}
