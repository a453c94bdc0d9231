namespace CrmBridge.Core.ClientSuccess;

/// <summary>Where a Client Success deal stands on its calendar: the cycle (renewals so far) and the period within it.</summary>
/// <param name="Anchor">The local date the deal was signed: every period is counted from it.</param>
/// <param name="Cycle">Renewal count: 0 in the first year (or month, for a monthly product).</param>
/// <param name="Period">1-based: month, week or quarter of the cycle.</param>
/// <param name="StartDate">The period's first local day.</param>
/// <param name="EndDate">The local day after the period's last one.</param>
/// <param name="Start">The period's start: local midnight of <paramref name="StartDate"/>, in UTC.</param>
/// <param name="End">The period's end (exclusive), in UTC.</param>
public sealed record CsPosition(
    CsCadence Cadence,
    DateOnly Anchor,
    int Cycle,
    int Period,
    DateOnly StartDate,
    DateOnly EndDate,
    DateTimeOffset Start,
    DateTimeOffset End);
