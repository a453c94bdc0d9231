namespace CrmBridge.Core.Hygiene;

/// <summary>
/// The optional members of a deal a sweep asks the store for (<see cref="IHygieneStore.StreamSweepDealsAsync"/>).
/// <see cref="None"/> still reads the id, name, pipeline, stage, owner, company, contacts, status, lost reason, custom
/// fields and whether an amount is set: what the default rules read.
/// </summary>
[Flags]
public enum HygieneDealMembers
{
    None = 0,

    /// <summary>The amount's value; without it a set amount reads as 0.</summary>
    Amount = 1,

    Currency = 2,

    /// <summary><see cref="Model.Deal.LastActivityAt"/> and <see cref="Model.Deal.NextActivityAt"/>.</summary>
    ActivityTimes = 4,

    ClosedAt = 8,

    /// <summary><see cref="Model.Deal.CreatedAt"/>, <see cref="Model.Deal.UpdatedAt"/> and <see cref="Model.Deal.StageEnteredAt"/>, which no rule reads.</summary>
    RecordTimes = 16,

    All = Amount | Currency | ActivityTimes | ClosedAt | RecordTimes,
}
