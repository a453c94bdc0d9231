namespace CrmBridge.Core.Funnel;

/// <summary>Why a lost deal is worth another try.</summary>
public enum ReactivationReason
{
    /// <summary>Lost for a reason that depends on the seller ("Contacts not found", "No answer"): hand it to another.</summary>
    Reassignable,

    /// <summary>Lost to a competitor long enough ago that the product may have changed.</summary>
    CompetitorRevisit,
}
