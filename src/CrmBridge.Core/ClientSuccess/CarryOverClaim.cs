namespace CrmBridge.Core.ClientSuccess;

/// <summary>The result of a claim, with the record as it stands after it.</summary>
public sealed record CarryOverClaim(CarryOverClaimOutcome Outcome, CarryOverRecord Record)
{
    /// <summary>This run may go on writing.</summary>
    public bool Held => Outcome is CarryOverClaimOutcome.Claimed or CarryOverClaimOutcome.Resumed;
}
