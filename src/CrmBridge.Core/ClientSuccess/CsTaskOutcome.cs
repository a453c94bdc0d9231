namespace CrmBridge.Core.ClientSuccess;

/// <summary>What an advance run did with one planned task.</summary>
public enum CsTaskOutcome
{
    WouldCreate,
    Created,

    /// <summary>Created by an earlier run (its idempotency key is recorded).</summary>
    AlreadyCreated,

    InProgressElsewhere,
    Failed,
}
