namespace CrmBridge.Core.ClientSuccess;

/// <summary>What an advance run did with one CS deal.</summary>
public enum CsAdvanceOutcome
{
    /// <summary>Moved (or, in a dry run, would move) to its period's stage.</summary>
    Moved,

    /// <summary>Already in its period's stage.</summary>
    Unchanged,

    /// <summary>Left alone: closed, or moved out of the CS pipeline by a user.</summary>
    Skipped,

    Failed,
}
