namespace CrmBridge.Core.ClientSuccess;

/// <summary>How a Client Success pipeline's calendar is cut into periods (its stages).</summary>
public enum CsCadence
{
    /// <summary>A yearly subscription: a cycle of 12 months, one stage per month.</summary>
    Yearly,

    /// <summary>A monthly product: a cycle of one calendar month, one stage per week (weeks 1-4, the 4th runs to the month's end).</summary>
    Monthly,

    /// <summary>A lifetime licence: a yearly cycle of 4 quarters, one stage per quarter.</summary>
    Lifetime,
}
