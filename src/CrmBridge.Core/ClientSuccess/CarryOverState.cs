namespace CrmBridge.Core.ClientSuccess;

/// <summary>Where the carry-over of one won deal stands.</summary>
public enum CarryOverState
{
    /// <summary>The intent is recorded; the copy may or may not exist in the CRM yet (a rerun finds it by its marker).</summary>
    Pending,

    /// <summary>The copy exists and its id is recorded; the link note or the tag on the original may still be missing.</summary>
    Linked,

    /// <summary>Done: nothing will be written for this deal again.</summary>
    Completed,

    /// <summary>The CRM rejected the copy (validation); not retried until asked (<c>--retry-rejected</c>).</summary>
    Rejected,
}
