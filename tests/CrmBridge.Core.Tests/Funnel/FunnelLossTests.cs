using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using static CrmBridge.Core.Tests.Funnel.FunnelTestPipeline;

namespace CrmBridge.Core.Tests.Funnel;

public sealed class FunnelLossTests
{
    [Fact]
    public void Compute_LostDeals_CountsAndSharesPerReasonListedFirstThenUnlistedThenMissing()
    {
        var deals = new[]
        {
            Lost("a", "No answer"), Lost("b", "no  answer "), Lost("c", "Contacts not found"),
            Lost("d", "Too expensive"), Lost("e", null), Lost("f", "  "), Lost("g", "too expensive"), Lost("h", "Moved abroad"),
            Deal("open", "s1"),
        };

        var lost = FunnelCalculator.Compute(Sales, deals, [], new FunnelOptions(), Now).Overall.Lost;

        Assert.Equal(8, lost.Deals);
        Assert.Equal(
            [("Contacts not found", true, 1L), ("No answer", true, 2L), ("Too expensive", false, 2L), ("Moved abroad", false, 1L), (null, false, 2L)],
            lost.ByReason.Select(r => (r.Reason, r.Listed, r.Deals)));
        Assert.Equal([1 / 8.0, 2 / 8.0, 2 / 8.0, 1 / 8.0, 2 / 8.0], lost.ByReason.Select(r => r.Share));
        Assert.Equal(3, lost.Unlisted);
        Assert.Equal(2, lost.WithoutReason);
    }

    [Fact]
    public void Compute_ConfiguredReasons_ReplaceTheDefaults()
    {
        var options = new FunnelOptions { LossReasons = ["Too expensive"], ReassignableReasons = [], CompetitorReasons = [] };

        var lost = FunnelCalculator.Compute(Sales, [Lost("a", "too expensive"), Lost("b", "No answer")], [], options, Now).Overall.Lost;

        Assert.Equal([("Too expensive", true), ("No answer", false)], lost.ByReason.Select(r => (r.Reason, r.Listed)));
    }

    [Fact]
    public void Compute_LostFromStage_ComesFromTheTransitionIntoLostOrTheKeptStage()
    {
        var deals = new[]
        {
            Lost("viaTransition", "No answer"), Lost("viaTransition2", "No answer"),
            Lost("kept", "No answer") with { StageId = "s1" }, Lost("unknown", "No answer"),
        };
        var transitions = Path("viaTransition", "s1", "s3", "lost").Concat(Path("viaTransition2", "s3", "lost")).Concat(Path("unknown", "lost"));

        var funnel = FunnelCalculator.Compute(Sales, deals, transitions, new FunnelOptions(), Now).Overall;

        Assert.Equal([("s1", 1L), ("s3", 2L), (null, 1L)], funnel.Lost.ByStage.Select(s => (s.StageId, s.Deals)));
        Assert.Equal([0.25, 0.5, 0.25], funnel.Lost.ByStage.Select(s => s.Share));
        Assert.Equal(new long[] { 4, 2, 2, 0, 0 }, funnel.Stages.Select(s => s.Reached));
    }

    [Fact]
    public void Compute_Reactivation_ListsReassignableAnyTimeAndCompetitorLossesOlderThanTheLimitPerOwner()
    {
        var options = new FunnelOptions { CompetitorRevisitAfterDays = 90 };
        var owners = new Dictionary<string, string> { ["o1"] = "Zoe", ["o2"] = "Adam" };
        var deals = new[]
        {
            Lost("recentNoAnswer", "No answer", Now.AddDays(-1), "o1"),
            Lost("oldCompetitor", "Uses a competitor's solution", Now.AddDays(-120), "o1"),
            Lost("recentCompetitor", "Uses a competitor's solution", Now.AddDays(-30), "o2"),
            Lost("budget", "Not qualified: no budget", Now.AddDays(-300), "o2"),
            Lost("contacts", "contacts not found", Now.AddDays(-5), "o2"),
            Lost("orphan", "No answer", Now.AddDays(-3), null),
        };

        var candidates = FunnelCalculator.Compute(Sales, deals, [], options, Now, ownerNames: owners).Reactivation;

        Assert.Equal(
            [
                ("contacts", "Adam", ReactivationReason.Reassignable, "Contacts not found"),
                ("oldCompetitor", "Zoe", ReactivationReason.CompetitorRevisit, "Uses a competitor's solution"),
                ("recentNoAnswer", "Zoe", ReactivationReason.Reassignable, "No answer"),
                ("orphan", FunnelCalculator.NoOwner, ReactivationReason.Reassignable, "No answer"),
            ],
            candidates.Select(c => (c.DealId, c.OwnerName, c.Why, c.LostReason)));
    }

    private static Deal Lost(string id, string? reason, DateTimeOffset? closed = null, string? owner = "o1") =>
        Deal(id, "lost", DealStatus.Lost, owner: owner) with { LostReason = reason, ClosedAt = closed ?? Now.AddDays(-10) };
}
