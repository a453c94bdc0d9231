namespace CrmBridge.Core.ClientSuccess;

/// <summary>What a carry-over run did (or, in a dry run, would do) for one won deal.</summary>
public enum CsCarryOverOutcome
{
    /// <summary>Dry run: the copy would be created.</summary>
    WouldCreate,

    /// <summary>Dry run: the copy exists; the link note or tag would be finished.</summary>
    WouldFinish,

    /// <summary>The copy was created.</summary>
    Created,

    /// <summary>An earlier, interrupted run had created the copy; it was found by its marker and linked.</summary>
    Reconciled,

    /// <summary>Another run holds the deal; it was left to it.</summary>
    InProgressElsewhere,

    /// <summary>The CRM rejected the copy (now or earlier); see the message.</summary>
    Rejected,

    /// <summary>The attempt failed and will be retried by a later run.</summary>
    Failed,
}
