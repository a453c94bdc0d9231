namespace CrmBridge.Core.Funnel;

/// <summary>Why and where deals were lost. Reasons with deals: listed ones in configured order, then unlisted ones (most deals first), then "no reason".</summary>
public sealed record LostDealsFigures(long Deals, IReadOnlyList<LostReasonFigure> ByReason, IReadOnlyList<LostStageFigure> ByStage)
{
    public long Unlisted => ByReason.Where(r => !r.Listed && r.Reason is not null).Sum(r => r.Deals);

    public long WithoutReason => ByReason.Where(r => r.Reason is null).Sum(r => r.Deals);
}
