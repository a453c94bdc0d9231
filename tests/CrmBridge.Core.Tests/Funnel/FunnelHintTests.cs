using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using static CrmBridge.Core.Tests.Funnel.FunnelTestPipeline;

namespace CrmBridge.Core.Tests.Funnel;

public sealed class FunnelHintTests
{
    [Theory]
    [InlineData(20, 20, FunnelHint.Merge)]
    [InlineData(20, 18, FunnelHint.Merge)]
    [InlineData(20, 17, FunnelHint.None)]
    [InlineData(20, 5, FunnelHint.None)]
    [InlineData(20, 4, FunnelHint.Split)]
    [InlineData(20, 0, FunnelHint.Split)]
    [InlineData(19, 19, FunnelHint.None)]
    [InlineData(19, 0, FunnelHint.None)]
    public void Compute_ConversionBetweenOpenStages_HintsAtDefaultThresholdsOnceEnoughDeals(int reachedFirst, int reachedSecond, FunnelHint expected)
    {
        // reachedFirst deals reached s1, reachedSecond of them went on to s2.
        var deals = Enumerable.Range(0, reachedFirst).Select(i => Deal($"d{i}", i < reachedSecond ? "s2" : "s1")).ToList();

        var funnel = FunnelCalculator.Compute(Sales, deals, [], new FunnelOptions(), Now).Overall;

        Assert.Equal(expected, funnel.Stages[0].Hint);
    }

    [Fact]
    public void Compute_CustomThresholds_AreApplied()
    {
        var options = new FunnelOptions { MergeAtPercent = 75, SplitBelowPercent = 50, MinimumDealsForHint = 4 };
        // s1 -> s2: 4 of 4 (100%, merge); s2 -> s3: 3 of 4 (75%, merge); s3 -> s4: 1 of 3 (33%, split, but only 3 deals).
        var deals = new[] { Deal("a", "s2"), Deal("b", "s3"), Deal("c", "s3"), Deal("d", "s4") };

        var stages = FunnelCalculator.Compute(Sales, deals, [], options, Now).Overall.Stages;

        Assert.Equal([FunnelHint.Merge, FunnelHint.Merge, FunnelHint.None, FunnelHint.None, FunnelHint.None], stages.Select(s => s.Hint));
    }

    [Fact]
    public void Compute_LastOpenStageToWon_NeverHints()
    {
        var deals = Enumerable.Range(0, 30).Select(i => Deal($"d{i}", "won", DealStatus.Won)).ToList();

        var stages = FunnelCalculator.Compute(Sales, deals, [], new FunnelOptions(), Now).Overall.Stages;

        Assert.Equal([FunnelHint.Merge, FunnelHint.Merge, FunnelHint.Merge, FunnelHint.None, FunnelHint.None], stages.Select(s => s.Hint));
        Assert.Equal(1.0, stages[3].ConversionToNext);
    }
}
