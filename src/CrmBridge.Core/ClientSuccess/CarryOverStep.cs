namespace CrmBridge.Core.ClientSuccess;

/// <summary>The durable steps of one carry-over, in order. A run stopped after any of them is finished by a later run without a second copy.</summary>
public enum CarryOverStep
{
    /// <summary>The intent is in the store and this run holds the claim.</summary>
    IntentRecorded,

    /// <summary>The copy was written through the audited writer (or found there).</summary>
    CopyWritten,

    /// <summary>The copy was found again in the CRM by its marker.</summary>
    CopyReconciled,

    /// <summary>The link original -> copy is in the store.</summary>
    LinkRecorded,

    /// <summary>The link note is on the copy.</summary>
    LinkNoteAdded,

    /// <summary>The original deal is tagged.</summary>
    OriginalTagged,

    /// <summary>The carry-over is completed in the store.</summary>
    Completed,
}
