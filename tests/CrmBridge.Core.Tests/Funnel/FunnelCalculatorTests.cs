using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using static CrmBridge.Core.Tests.Funnel.FunnelTestPipeline;

namespace CrmBridge.Core.Tests.Funnel;

public sealed class FunnelCalculatorTests
{
    private static readonly FunnelOptions Options = new() { MinimumDealsForHint = 1 };

    [Fact]
    public void Compute_MixedDeals_CountsReachedThroughHighestStageAndWonThroughAll()
    {
        // a sits in s1, b in s2, c was first seen in s3, d won without being seen open,
        // e lost from s2 (seen moving into Lost), f first seen already lost.
        var deals = new[]
        {
            Deal("a", "s1"), Deal("b", "s2"), Deal("c", "s3"), Deal("d", "won", DealStatus.Won),
            Deal("e", "lost", DealStatus.Lost), Deal("f", "lost", DealStatus.Lost),
        };
        var transitions = Path("a", "s1").Concat(Path("b", "s2")).Concat(Path("c", "s3")).Concat(Path("d", "won"))
            .Concat(Path("e", "s2", "lost")).Concat(Path("f", "lost"));

        var funnel = FunnelCalculator.Compute(Sales, deals, transitions, Options, Now).Overall;

        Assert.Equal(6, funnel.Deals);
        Assert.Equal(new long[] { 6, 4, 2, 1, 1 }, funnel.Stages.Select(s => s.Reached));
        Assert.Equal(new long[] { 5, 2, 1, 1, 0 }, funnel.Stages.Select(s => s.Skipped));
        Assert.Equal(new double?[] { 4 / 6.0, 2 / 4.0, 1 / 2.0, 1.0, null }, funnel.Stages.Select(s => s.ConversionToNext));
        Assert.Equal(["s1", "s2", "s3", "s4", "won"], funnel.Stages.Select(s => s.StageId));
        Assert.Equal(new long[] { 1, 1, 1, 0, 0 }, funnel.Stages.Select(s => s.InStageNow));
    }

    [Fact]
    public void Compute_JumpForward_CountsSkippedStageAsReachedAndSkipped()
    {
        var funnel = FunnelCalculator.Compute(Sales, [Deal("a", "s3")], Path("a", "s1", "s3"), Options, Now).Overall;

        Assert.Equal(new long[] { 1, 1, 1, 0, 0 }, funnel.Stages.Select(s => s.Reached));
        Assert.Equal(new long[] { 0, 1, 0, 0, 0 }, funnel.Stages.Select(s => s.Skipped));
    }

    [Fact]
    public void Compute_ReEntriesAndMovesBack_CountEachStageOnceUpToTheHighest()
    {
        var deals = new[] { Deal("a", "s2"), Deal("b", "s2") };
        var transitions = Path("a", "s1", "s2", "s1", "s2", "s1", "s2").Concat(Path("b", "s1", "s4", "s2"));

        var funnel = FunnelCalculator.Compute(Sales, deals, transitions, Options, Now).Overall;

        Assert.Equal(new long[] { 2, 2, 1, 1, 0 }, funnel.Stages.Select(s => s.Reached));
        Assert.Equal(new long[] { 0, 0, 1, 0, 0 }, funnel.Stages.Select(s => s.Skipped));
        Assert.Equal(2, funnel.Stages[1].InStageNow);
    }

    [Fact]
    public void Compute_ClosedDealsKeepingTheirStage_LostReachesItsStageAndWonReachesAll()
    {
        // CRMs that mark won/lost on the deal leave it in the stage it closed from.
        var deals = new[] { Deal("lost", "s3", DealStatus.Lost), Deal("won", "s2", DealStatus.Won) };
        var transitions = Path("lost", "s3").Concat(Path("won", "s2"));

        var funnel = FunnelCalculator.Compute(Sales, deals, transitions, Options, Now).Overall;

        Assert.Equal(new long[] { 2, 2, 2, 1, 1 }, funnel.Stages.Select(s => s.Reached));
        var lostFrom = Assert.Single(funnel.Lost.ByStage);
        Assert.Equal(("s3", 1L), (lostFrom.StageId, lostFrom.Deals));
        Assert.Equal(new long[] { 0, 0, 0, 0, 0 }, funnel.Stages.Select(s => s.InStageNow));
    }

    [Fact]
    public void Compute_DealsWithoutTransitions_UseTheirCurrentStage()
    {
        var funnel = FunnelCalculator.Compute(Sales, [Deal("a", "s2"), Deal("b", "lost", DealStatus.Lost)], [], Options, Now).Overall;

        Assert.Equal(new long[] { 2, 1, 0, 0, 0 }, funnel.Stages.Select(s => s.Reached));
        Assert.Equal("(unknown)", Assert.Single(funnel.Lost.ByStage).Name);
    }

    [Fact]
    public void Add_DealOfAnotherPipeline_IsIgnored()
    {
        var calculator = new FunnelCalculator(Sales, Options, Now);

        var added = calculator.Add(Deal("a", "s1") with { PipelineId = "other" }, []);

        Assert.False(added);
        Assert.Equal(0, calculator.Build().Overall.Deals);
    }

    [Fact]
    public void Compute_EmptyPipeline_HasRowsWithoutConversion()
    {
        var funnel = FunnelCalculator.Compute(Sales, [], [], Options, Now).Overall;

        Assert.All(funnel.Stages, s => Assert.Equal(0, s.Reached));
        Assert.All(funnel.Stages, s => Assert.Null(s.ConversionToNext));
        Assert.Null(funnel.Outcome.WinRate);
    }

    [Fact]
    public void Compute_PipelineWithoutWonStage_EndsWithASyntheticWonRow()
    {
        var pipeline = Sales with { Stages = [.. Sales.Stages.Where(s => s.Outcome == StageOutcome.Open)] };

        var funnel = FunnelCalculator.Compute(pipeline, [Deal("a", "s4", DealStatus.Won)], [], Options, Now).Overall;

        var won = funnel.Stages[^1];
        Assert.Equal((null, "Won", 1L), (won.StageId, won.Name, won.Reached));
        Assert.Equal(1.0, funnel.Stages[^2].ConversionToNext);
    }
}
