namespace CrmBridge.Core.ClientSuccess;

/// <summary>What a claim on a won deal's carry-over found.</summary>
public enum CarryOverClaimOutcome
{
    /// <summary>The intent was new; this run holds the claim.</summary>
    Claimed,

    /// <summary>An earlier run left it unfinished (its claim expired, or it was this run's); this run holds the claim now.</summary>
    Resumed,

    /// <summary>Already carried over: nothing to do.</summary>
    Completed,

    /// <summary>Another run holds a live claim.</summary>
    Busy,

    /// <summary>The CRM rejected the copy earlier.</summary>
    Rejected,
}
