using CrmBridge.Core.Model;

namespace CrmBridge.Core.Funnel;

/// <summary>What the funnel knows about one deal in one pipeline, from the deal and its recorded stage transitions.</summary>
internal sealed class FunnelDealPath
{
    private FunnelDealPath(Deal deal, int openStages)
    {
        Deal = deal;
        Observed = new bool[openStages];
        TimeIn = new TimeSpan?[openStages];
    }

    public Deal Deal { get; }

    public bool Won { get; private set; }

    public bool Lost { get; private set; }

    /// <summary>Open stages the deal was seen in (current stage, or either end of a recorded transition).</summary>
    public bool[] Observed { get; }

    /// <summary>The highest open stage rank seen; -1 when none.</summary>
    public int MaxObservedRank { get; private set; } = -1;

    /// <summary>Open stages reached: every open stage for a won deal, else every stage up to the highest seen (at least the first).</summary>
    public int ReachedThroughRank { get; private set; }

    public int? LostFromRank { get; private set; }

    /// <summary>Total time in each open stage over stays that ended.</summary>
    public TimeSpan?[] TimeIn { get; }

    /// <summary>The open stage an open deal is in now, with how long it has been there.</summary>
    public (int Rank, TimeSpan? Age)? Current { get; private set; }

    /// <summary>When the deal was lost: its close time, else when it entered its Lost stage.</summary>
    public DateTimeOffset? LostAt { get; private set; }

    public static FunnelDealPath Analyze(FunnelPipelineShape shape, Deal deal, IReadOnlyList<StageTransition> transitions, DateTimeOffset now)
    {
        var path = new FunnelDealPath(deal, shape.OpenStages.Count);
        var currentOutcome = shape.Outcome(deal.StageId);
        path.Won = deal.Status == DealStatus.Won || (deal.Status != DealStatus.Lost && currentOutcome == StageOutcome.Won);
        path.Lost = !path.Won && (deal.Status == DealStatus.Lost || currentOutcome == StageOutcome.Lost);

        var moves = transitions
            .Where(t => t.PipelineId == shape.Pipeline.ExternalId && t.DealId == deal.ExternalId)
            .OrderBy(t => t.ObservedAt)
            .ToList();

        path.See(shape.OpenRank(deal.StageId));
        int? lostFromTransition = null;
        foreach (var move in moves)
        {
            path.See(shape.OpenRank(move.ToStageId));
            path.See(shape.OpenRank(move.FromStageId));
            if (shape.Outcome(move.ToStageId) == StageOutcome.Lost && shape.OpenRank(move.FromStageId) is { } from)
            {
                lostFromTransition = from;
            }
        }

        path.ReachedThroughRank = path.Won ? shape.OpenStages.Count - 1 : Math.Max(path.MaxObservedRank, 0);
        if (path.Lost)
        {
            // CRMs that keep the stage on loss tell it directly; the others tell it through the transition into Lost.
            path.LostFromRank = shape.OpenRank(deal.StageId) ?? lostFromTransition;
        }

        path.MeasureStays(shape, moves, now);
        return path;
    }

    private void See(int? rank)
    {
        if (rank is { } r)
        {
            Observed[r] = true;
            MaxObservedRank = Math.Max(MaxObservedRank, r);
        }
    }

    private void MeasureStays(FunnelPipelineShape shape, List<StageTransition> moves, DateTimeOffset now)
    {
        var entries = new List<(string Stage, DateTimeOffset At)>(Math.Max(moves.Count, 1));
        for (var i = 0; i < moves.Count; i++)
        {
            var move = moves[i];
            var fallback = i == moves.Count - 1 && move.ToStageId == Deal.StageId ? Deal.StageEnteredAt : null;
            entries.Add((move.ToStageId, move.CrmChangedAt ?? fallback ?? move.ObservedAt));
        }

        if (entries.Count == 0)
        {
            entries.Add((Deal.StageId, Deal.StageEnteredAt ?? Deal.CreatedAt));
        }

        for (var i = 0; i < entries.Count - 1; i++)
        {
            AddStay(shape.OpenRank(entries[i].Stage), entries[i + 1].At - entries[i].At);
        }

        var (lastStage, lastAt) = entries[^1];
        if (shape.OpenRank(lastStage) is not { } rank)
        {
            if (Lost)
            {
                LostAt = Deal.ClosedAt ?? lastAt;
            }

            return;
        }

        if (Won || Lost)
        {
            // A CRM that keeps the stage on close: the stay ends when the deal closed.
            LostAt = Lost ? Deal.ClosedAt : null;
            if (Deal.ClosedAt is { } closed)
            {
                AddStay(rank, closed - lastAt);
            }

            return;
        }

        var age = now - lastAt;
        Current = (rank, age >= TimeSpan.Zero ? age : null);
    }

    private void AddStay(int? rank, TimeSpan duration)
    {
        if (rank is { } r && duration >= TimeSpan.Zero)
        {
            TimeIn[r] = (TimeIn[r] ?? TimeSpan.Zero) + duration;
        }
    }
}
