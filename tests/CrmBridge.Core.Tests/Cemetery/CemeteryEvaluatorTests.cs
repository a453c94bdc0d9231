using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Model;
using static CrmBridge.Core.Tests.Cemetery.CemeteryTestData;

namespace CrmBridge.Core.Tests.Cemetery;

public sealed class CemeteryEvaluatorTests
{
    [Fact]
    public void Add_IdleBeyondTheDefaultThreshold_IsStaleWithoutActivity()
    {
        var scan = Scan([Deal("fresh", 29).Build(), Deal("stale", 31).Build()]);

        var stale = Assert.Single(scan.StaleDeals);
        Assert.Equal("stale", stale.DealId);
        Assert.Equal(StaleReasons.NoActivity, stale.Reasons);
        Assert.Equal(31, stale.WholeIdleDays);
        Assert.Equal(30, stale.ThresholdDays);
        Assert.Equal("https://crm.example/deals/stale", stale.Url);
        Assert.Equal("Ivan Petrov", stale.OwnerName);
        Assert.Equal("New", stale.StageName);
    }

    [Fact]
    public void Add_RecentActivityOrStageChange_KeepsTheDealFresh()
    {
        var touched = Deal("a", 90).WithActivity(Now.AddDays(-2), Now.AddDays(1)).Build();

        Assert.Empty(Scan([touched]).StaleDeals);
    }

    [Fact]
    public void Add_StageThresholds_AreMatchedByStageIdOrName()
    {
        var options = new CemeteryOptions();
        options.Sales.StageThresholdDays["new"] = 5;
        options.Sales.StageThresholdDays["Demo run"] = 60;

        var scan = Scan([Deal("n", 6).Build(), Deal("d", 45).InStage("sales", "demo").Build()], options);

        var stale = Assert.Single(scan.StaleDeals);
        Assert.Equal("n", stale.DealId);
        Assert.Equal(5, stale.ThresholdDays);
    }

    [Fact]
    public void Add_NoNextActivity_IsStaleAtOnceUnlessTheCrmDoesNotReportIt()
    {
        var deal = Deal("x", 1).WithActivity(null, null).Build();

        Assert.Equal(StaleReasons.NoNextActivity, Assert.Single(Scan([deal]).StaleDeals).Reasons);
        Assert.Empty(Scan([deal], capabilities: FullCapabilities with { ReportsNextActivity = false }).StaleDeals);
        Assert.Empty(Scan([deal], new CemeteryOptions { Sales = { RequireNextActivity = false } }).StaleDeals);
    }

    [Fact]
    public void Add_WonAndLostDeals_AreNeverStale()
    {
        var won = Deal("w", 300).InStage("sales", "won").WithStatus(DealStatus.Won).WithActivity(null, null).Build();
        var lost = Deal("l", 300).WithStatus(DealStatus.Lost).WithActivity(null, null).Build();
        var lostStage = Deal("ls", 300).InStage("sales", "lost").WithActivity(null, null).Build();

        var scan = Scan([won, lost, lostStage]);

        Assert.Empty(scan.StaleDeals);
        Assert.Equal(0, scan.OpenDeals);
    }

    [Fact]
    public void Add_ClientSuccessDeals_FollowTheirOwnRules()
    {
        var cs = Deal("cs", 40).InStage("cs", "m1").Build();
        var options = new CemeteryOptions();

        Assert.Empty(Scan([cs], options).StaleDeals);
        options.ClientSuccess.DefaultThresholdDays = 35;
        var stale = Assert.Single(Scan([cs], options).StaleDeals);
        Assert.Equal(PipelineRole.ClientSuccess, stale.Role);
        options.ClientSuccess.Enabled = false;
        Assert.Empty(Scan([cs], options).StaleDeals);
    }

    [Fact]
    public void Add_WithoutStageEnteredFromTheCrm_UsesTheObservedTransition()
    {
        var options = new CemeteryOptions();
        var evaluator = new CemeteryEvaluator(ConnectionOptions(), FullCapabilities with { ReportsStageEnteredAt = false }, Pipelines, Owners, options, Now);
        var deal = Deal("o", 100).Build();

        Assert.True(evaluator.NeedsObservedStageEntry(deal));
        evaluator.Add(deal, Now.AddDays(-3));

        Assert.Empty(evaluator.Complete().StaleDeals);
    }

    [Fact]
    public void Add_WithoutActivityFromTheCrm_TakesTheLastModificationAsActivity()
    {
        var deal = Deal("m", 100).UpdatedAt(Now.AddDays(-1)).Build();

        Assert.Single(Scan([deal]).StaleDeals);
        Assert.Empty(Scan([deal], capabilities: FullCapabilities with { ReportsLastActivity = false }).StaleDeals);
    }

    [Fact]
    public void Add_BusinessDays_DoNotCountTheWeekend()
    {
        var options = new CemeteryOptions { DayCounting = CemeteryDayCounting.BusinessDays };
        options.Sales.DefaultThresholdDays = 5;

        // Seven calendar days back from Tuesday 09:00 is the Tuesday before: five working days.
        var deal = Deal("b", 7).Build();

        Assert.Empty(Scan([deal], options).StaleDeals);
        Assert.Single(Scan([Deal("b", 8).Build()], options).StaleDeals);
    }

    [Fact]
    public void Complete_PipelineFigures_GiveShareOldestAndGraveyard()
    {
        var options = new CemeteryOptions { OldestDealsShown = 2, GraveyardDays = 30 };
        var scan = Scan(
        [
            Deal("1", 10).Build(), Deal("2", 50).Build(), Deal("3", 70).Build(), Deal("4", 5).Build(),
            Deal("c1", 90).InStage("cs", "m1").Build(), Deal("c2", 60).InStage("cs", "m1").Build(),
        ],
            options);

        var sales = scan.Pipelines.Single(p => p.PipelineId == "sales");
        Assert.Equal(4, sales.OpenDeals);
        Assert.Equal(2, sales.StaleDeals);
        Assert.Equal(0.5, sales.CemeteryShare);
        Assert.Equal(["3", "2"], sales.Oldest.Select(o => o.DealId));
        Assert.False(sales.IsGraveyard);
        var cs = scan.Pipelines.Single(p => p.PipelineId == "cs");
        Assert.True(cs.IsGraveyard);
        Assert.Equal(60, cs.DaysSinceLastMove!.Value, 6);
    }

    [Fact]
    public void Complete_ARecentlyClosedDeal_CountsAsMovement()
    {
        var won = Deal("w", 2).InStage("cs", "m1").WithStatus(DealStatus.Won).Build() with { ClosedAt = Now.AddDays(-2) };

        var scan = Scan([Deal("c", 90).InStage("cs", "m1").Build(), won]);

        Assert.False(scan.Pipelines.Single(p => p.PipelineId == "cs").IsGraveyard);
    }
}
