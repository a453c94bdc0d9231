using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using static CrmBridge.Core.Tests.Funnel.FunnelTestPipeline;

namespace CrmBridge.Core.Tests.Funnel;

public sealed class FunnelTimeInStageTests
{
    private static readonly FunnelOptions Options = new();

    [Fact]
    public void Compute_CompletedStays_GiveMedianAndInterpolatedP90InDays()
    {
        // Three deals leave s1 after 1, 2 and 10 days (CRM times); p90 = 2 + 0.8 * (10 - 2).
        var deals = new[] { Deal("a", "s2"), Deal("b", "s2"), Deal("c", "s2") };
        var transitions = new[] { ("a", 1), ("b", 2), ("c", 10) }.SelectMany(x => new[]
        {
            Move(x.Item1, null, "s1", T0.AddDays(30), crmAt: T0),
            Move(x.Item1, "s1", "s2", T0.AddDays(31), crmAt: T0.AddDays(x.Item2)),
        });

        var s1 = FunnelCalculator.Compute(Sales, deals, transitions, Options, Now).Overall.Stages[0];

        Assert.NotNull(s1.TimeInStage);
        Assert.Equal(3, s1.TimeInStage.Deals);
        Assert.Equal(2, s1.TimeInStage.MedianDays, 6);
        Assert.Equal(8.4, s1.TimeInStage.P90Days, 6);
        Assert.Equal(13 / 3.0, s1.TimeInStage.AverageDays, 6);
    }

    [Fact]
    public void Compute_ReEntries_AddUpTheStaysOfOneDeal()
    {
        // s1 for a day, s2 for a day, back in s1 for two days, then s3.
        var transitions = new[]
        {
            Move("a", null, "s1", T0, T0), Move("a", "s1", "s2", T0.AddDays(1), T0.AddDays(1)),
            Move("a", "s2", "s1", T0.AddDays(2), T0.AddDays(2)), Move("a", "s1", "s3", T0.AddDays(4), T0.AddDays(4)),
        };

        var stages = FunnelCalculator.Compute(Sales, [Deal("a", "s3")], transitions, Options, Now).Overall.Stages;

        Assert.Equal(3, stages[0].TimeInStage!.MedianDays, 6);
        Assert.Equal(1, stages[0].TimeInStage!.Deals);
        Assert.Equal(1, stages[1].TimeInStage!.MedianDays, 6);
        Assert.Null(stages[2].TimeInStage);
    }

    [Fact]
    public void Compute_TransitionWithoutCrmTime_FallsBackToDealStageEnteredThenObservedTime()
    {
        // First seen in s1 at day 10 (no CRM time): the stay starts at day 10. Seen in s2 at day 15 with no CRM time,
        // but the deal says it entered s2 at day 12: the s1 stay is 2 days and the s2 age is measured from day 12.
        var deal = Deal("a", "s2") with { StageEnteredAt = T0.AddDays(12) };
        var transitions = new[] { Move("a", null, "s1", T0.AddDays(10)), Move("a", "s1", "s2", T0.AddDays(15)) };

        var stages = FunnelCalculator.Compute(Sales, [deal], transitions, Options, Now).Overall.Stages;

        Assert.Equal(2, stages[0].TimeInStage!.MedianDays, 6);
        Assert.Equal((Now - T0.AddDays(12)).TotalDays, stages[1].CurrentAge!.MedianDays, 6);
        Assert.Null(stages[1].TimeInStage);
    }

    [Fact]
    public void Compute_DealClosedInAnOpenStage_EndsTheStayAtClose()
    {
        var deal = Deal("a", "s2", DealStatus.Lost) with { ClosedAt = T0.AddDays(7) };

        var stages = FunnelCalculator.Compute(Sales, [deal], [Move("a", null, "s2", T0.AddDays(1), T0.AddDays(3))], Options, Now).Overall.Stages;

        Assert.Equal(4, stages[1].TimeInStage!.MedianDays, 6);
    }

    [Theory]
    [InlineData(new[] { 5.0 }, 0.5, 5.0)]
    [InlineData(new[] { 1.0, 3.0 }, 0.5, 2.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0 }, 0.9, 9.1)]
    public void Percentile_SortedValues_InterpolatesBetweenRanks(double[] values, double fraction, double expected) =>
        Assert.Equal(expected, DurationFigures.Percentile(values, fraction), 6);
}
