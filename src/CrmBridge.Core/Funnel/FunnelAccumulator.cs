using CrmBridge.Core.Model;

namespace CrmBridge.Core.Funnel;

/// <summary>Adds up deal paths into the funnel figures of one set of deals.</summary>
internal sealed class FunnelAccumulator
{
    private readonly FunnelPipelineShape _shape;
    private readonly long[] _reached;
    private readonly long[] _skipped;
    private readonly long[] _inStageNow;
    private readonly List<TimeSpan>[] _timeIn;
    private readonly List<TimeSpan>[] _ages;
    private readonly OutcomeAccumulator _outcome = new();
    private readonly Dictionary<string, long> _listedReasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _unlistedReasons = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, long> _lostFrom = [];
    private long _deals;
    private long _won;
    private long _lostWithoutReason;
    private long _lostFromUnknown;
    private long _lost;

    public FunnelAccumulator(FunnelPipelineShape shape)
    {
        _shape = shape;
        var n = shape.OpenStages.Count;
        _reached = new long[n];
        _skipped = new long[n];
        _inStageNow = new long[n];
        _timeIn = [.. Enumerable.Range(0, n).Select(_ => new List<TimeSpan>())];
        _ages = [.. Enumerable.Range(0, n).Select(_ => new List<TimeSpan>())];
    }

    public void Add(FunnelDealPath path, LossReasonCatalog reasons)
    {
        _deals++;
        _outcome.Add(path);
        var stages = _shape.OpenStages.Count;
        for (var rank = 0; rank < stages && rank <= path.ReachedThroughRank; rank++)
        {
            _reached[rank]++;
            if (!path.Observed[rank])
            {
                _skipped[rank]++;
            }

            if (path.TimeIn[rank] is { } time)
            {
                _timeIn[rank].Add(time);
            }
        }

        if (path.Current is { } current)
        {
            _inStageNow[current.Rank]++;
            if (current.Age is { } age)
            {
                _ages[current.Rank].Add(age);
            }
        }

        if (path.Won)
        {
            _won++;
        }

        if (path.Lost)
        {
            AddLoss(path, reasons);
        }
    }

    public FunnelFigures Build(FunnelOptions options, LossReasonCatalog reasons)
    {
        var n = _shape.OpenStages.Count;
        var rows = new List<FunnelStageFigures>(n + 1);
        for (var rank = 0; rank < n; rank++)
        {
            var next = rank + 1 < n ? _reached[rank + 1] : _won;
            double? conversion = _reached[rank] == 0 ? null : (double)next / _reached[rank];
            var hint = rank + 1 < n ? Hint(_reached[rank], next, options) : FunnelHint.None;
            var stage = _shape.OpenStages[rank];
            rows.Add(new FunnelStageFigures(
                stage.ExternalId, stage.Name, StageOutcome.Open, _reached[rank], _skipped[rank], _inStageNow[rank],
                conversion, hint, DurationFigures.Of(_timeIn[rank]), DurationFigures.Of(_ages[rank])));
        }

        rows.Add(new FunnelStageFigures(_shape.WonStage?.ExternalId, _shape.WonStage?.Name ?? "Won", StageOutcome.Won, _won, 0, 0, null, FunnelHint.None, null, null));
        return new FunnelFigures(_deals, rows, _outcome.Build(), BuildLost(reasons));
    }

    /// <summary>A hint for the conversion from a stage to the next, once enough deals reached the stage.</summary>
    internal static FunnelHint Hint(long reached, long reachedNext, FunnelOptions options)
    {
        if (reached < options.MinimumDealsForHint || reached == 0)
        {
            return FunnelHint.None;
        }

        var percent = reachedNext * 100.0 / reached;
        return percent >= options.MergeAtPercent ? FunnelHint.Merge
            : percent < options.SplitBelowPercent ? FunnelHint.Split
            : FunnelHint.None;
    }

    private void AddLoss(FunnelDealPath path, LossReasonCatalog reasons)
    {
        _lost++;
        var reason = path.Deal.LostReason;
        if (string.IsNullOrWhiteSpace(reason))
        {
            _lostWithoutReason++;
        }
        else if (reasons.Find(reason) is { } listed)
        {
            _listedReasons[listed] = _listedReasons.GetValueOrDefault(listed) + 1;
        }
        else
        {
            var text = LossReasonCatalog.Normalize(reason);
            _unlistedReasons[text] = _unlistedReasons.GetValueOrDefault(text) + 1;
        }

        if (path.LostFromRank is { } rank)
        {
            _lostFrom[rank] = _lostFrom.GetValueOrDefault(rank) + 1;
        }
        else
        {
            _lostFromUnknown++;
        }
    }

    private LostDealsFigures BuildLost(LossReasonCatalog reasons)
    {
        double Share(long count) => _lost == 0 ? 0 : (double)count / _lost;
        var byReason = new List<LostReasonFigure>();
        foreach (var reason in reasons.Listed)
        {
            if (_listedReasons.GetValueOrDefault(reason) is > 0 and var count)
            {
                byReason.Add(new LostReasonFigure(reason, true, count, Share(count)));
            }
        }

        byReason.AddRange(_unlistedReasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new LostReasonFigure(r.Key, false, r.Value, Share(r.Value))));
        if (_lostWithoutReason > 0)
        {
            byReason.Add(new LostReasonFigure(null, false, _lostWithoutReason, Share(_lostWithoutReason)));
        }

        var byStage = _lostFrom.OrderBy(s => s.Key)
            .Select(s => new LostStageFigure(_shape.OpenStages[s.Key].ExternalId, _shape.OpenStages[s.Key].Name, s.Value, Share(s.Value)))
            .ToList();
        if (_lostFromUnknown > 0)
        {
            byStage.Add(new LostStageFigure(null, "(unknown)", _lostFromUnknown, Share(_lostFromUnknown)));
        }

        return new LostDealsFigures(_lost, byReason, byStage);
    }
}
