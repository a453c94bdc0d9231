using CrmBridge.Core.Cemetery;
using Microsoft.Extensions.Time.Testing;
using static CrmBridge.Core.Tests.Cemetery.CemeteryTestData;

namespace CrmBridge.Core.Tests.Cemetery;

public sealed class CemeteryEpisodePlannerTests
{
    private static readonly TimeSpan CoolDown = TimeSpan.FromDays(7);
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void Plan_NewlyStaleDeal_StartsAnEpisodeAndAlertsOnce()
    {
        var plan = PlanAt([Deal("a", 31).Build()], []);

        var due = Assert.Single(plan.Due);
        Assert.Equal(CemeteryAlertCause.New, due.Cause);
        Assert.Equal(_time.GetUtcNow(), due.Episode.StartedAt);
        Assert.Equal(1, due.Episode.AlertCount);
    }

    [Fact]
    public void Plan_StillStaleInsideTheCoolDown_IsQuiet()
    {
        var episodes = Alerted(PlanAt([Deal("a", 31).Build()], []));
        _time.Advance(TimeSpan.FromDays(6));

        var plan = PlanAt([Deal("a", 31 + 6).Build()], episodes);

        Assert.Empty(plan.Due);
        Assert.Single(plan.Quiet);
    }

    [Fact]
    public void Plan_StillStaleAfterTheCoolDown_RemindsOnce()
    {
        var episodes = Alerted(PlanAt([Deal("a", 31).Build()], []));
        _time.Advance(CoolDown);

        var plan = PlanAt([Deal("a", 38).Build()], episodes);

        var due = Assert.Single(plan.Due);
        Assert.Equal(CemeteryAlertCause.Reminder, due.Cause);
        Assert.Equal(2, due.Episode.AlertCount);
        Assert.Equal(episodes[0].StartedAt, due.Episode.StartedAt);
    }

    [Fact]
    public void Plan_GainingANewReason_IsWorseAndAlertsInsideTheCoolDown()
    {
        var episodes = Alerted(PlanAt([Deal("a", 31).Build()], []));
        _time.Advance(TimeSpan.FromDays(1));

        var plan = PlanAt([Deal("a", 32).WithActivity(null, null).Build()], episodes);

        Assert.Equal(CemeteryAlertCause.Worse, Assert.Single(plan.Due).Cause);
    }

    [Fact]
    public void Plan_IdleForAnotherWholeThreshold_IsWorse()
    {
        var episodes = Alerted(PlanAt([Deal("a", 31).Build()], []));
        _time.Advance(TimeSpan.FromDays(1));

        var stillLevelOne = PlanAt([Deal("a", 59).Build()], episodes);
        var levelTwo = PlanAt([Deal("a", 61).Build()], episodes);

        Assert.Empty(stillLevelOne.Due);
        Assert.Equal(CemeteryAlertCause.Worse, Assert.Single(levelTwo.Due).Cause);
    }

    [Fact]
    public void Plan_DealFreshAgain_EndsTheEpisodeAndTheNextStaleSpellIsANewEpisode()
    {
        var episodes = Alerted(PlanAt([Deal("a", 31).Build()], []));
        _time.Advance(TimeSpan.FromDays(1));

        var fresh = PlanAt([Deal("a", 0).Build()], episodes);
        Assert.Equal(["a"], fresh.Ended);

        _time.Advance(TimeSpan.FromDays(2));
        var again = PlanAt([Deal("a", 31).Build()], []);
        var due = Assert.Single(again.Due);
        Assert.Equal(CemeteryAlertCause.New, due.Cause);
        Assert.NotEqual(episodes[0].StartedAt, due.Episode.StartedAt);
    }

    [Fact]
    public void WithoutAlerts_NothingCanBeSent_StartsEpisodesWithoutCountingThemAsAlerted()
    {
        var plan = CemeteryEpisodePlanner.WithoutAlerts(PlanAt([Deal("a", 31).Build()], []));

        Assert.Empty(plan.Due);
        var started = Assert.Single(plan.Started);
        Assert.Null(started.LastAlertedAt);
        Assert.Equal(CemeteryAlertCause.New, Assert.Single(PlanAt([Deal("a", 32).Build()], plan.Started).Due).Cause);
    }

    private CemeteryEpisodePlan PlanAt(IEnumerable<CrmBridge.Core.Model.Deal> deals, IReadOnlyList<CemeteryEpisode> episodes)
    {
        // The deals' idle days are given relative to the fixed Now; shift them with the clock.
        var shift = _time.GetUtcNow() - Now;
        var shifted = deals.Select(d => d with { StageEnteredAt = d.StageEnteredAt + shift, NextActivityAt = d.NextActivityAt + shift });
        return CemeteryEpisodePlanner.Plan(Scan(shifted, now: _time.GetUtcNow()), episodes, CoolDown);
    }

    private static List<CemeteryEpisode> Alerted(CemeteryEpisodePlan plan) => [.. plan.Due.Select(d => d.Episode)];
}
