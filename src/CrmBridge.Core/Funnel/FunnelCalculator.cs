using CrmBridge.Core.Model;

namespace CrmBridge.Core.Funnel;

/// <summary>
/// Computes the funnel of one pipeline from its deals, fed one at a time with their stage transitions, so any number of
/// deals can stream through. Deals of other pipelines are ignored. Not thread-safe.
/// </summary>
public sealed class FunnelCalculator
{
    private readonly FunnelPipelineShape _shape;
    private readonly FunnelOptions _options;
    private readonly LossReasonCatalog _reasons;
    private readonly DateTimeOffset _now;
    private readonly IReadOnlyDictionary<string, string> _ownerNames;
    private readonly FunnelAccumulator _overall;
    private readonly SortedDictionary<string, FunnelAccumulator> _cohorts = new(CohortOrder.Instance);
    private readonly Dictionary<string, OutcomeAccumulator> _owners = new(StringComparer.Ordinal);
    private readonly List<ReactivationCandidate> _reactivation = [];

    /// <param name="now">Ages of open deals and of losses are measured to this time.</param>
    /// <param name="ownerNames">Owner names by id; unknown ids show as themselves.</param>
    public FunnelCalculator(Pipeline pipeline, FunnelOptions options, DateTimeOffset now, IReadOnlyDictionary<string, string>? ownerNames = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        _shape = new FunnelPipelineShape(pipeline);
        _options = options;
        _reasons = new LossReasonCatalog(options);
        _now = now;
        _ownerNames = ownerNames ?? new Dictionary<string, string>();
        _overall = new FunnelAccumulator(_shape);
    }

    /// <summary>The owner row of deals without an owner.</summary>
    public const string NoOwner = "(no owner)";

    /// <summary>Adds a deal with its recorded transitions (others' transitions are ignored).</summary>
    /// <param name="cohort">The deal's cohort, or null when no cohorts are computed.</param>
    /// <returns>False when the deal is in another pipeline.</returns>
    public bool Add(Deal deal, IReadOnlyList<StageTransition> transitions, string? cohort = null)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(transitions);
        if (deal.PipelineId != _shape.Pipeline.ExternalId)
        {
            return false;
        }

        var path = FunnelDealPath.Analyze(_shape, deal, transitions, _now);
        _overall.Add(path, _reasons);
        if (cohort is not null)
        {
            if (!_cohorts.TryGetValue(cohort, out var accumulator))
            {
                accumulator = new FunnelAccumulator(_shape);
                _cohorts[cohort] = accumulator;
            }

            accumulator.Add(path, _reasons);
        }

        var ownerKey = deal.OwnerId ?? "";
        if (!_owners.TryGetValue(ownerKey, out var owner))
        {
            owner = new OutcomeAccumulator();
            _owners[ownerKey] = owner;
        }

        owner.Add(path);
        if (path.Lost && Reactivation(path) is { } candidate)
        {
            _reactivation.Add(candidate);
        }

        return true;
    }

    public PipelineFunnel Build() => new(
        _shape.Pipeline.ExternalId,
        _shape.Pipeline.Name,
        _overall.Build(_options, _reasons),
        [.. _cohorts.Select(c => new CohortFunnel(c.Key, c.Value.Build(_options, _reasons)))],
        [.. _owners.Select(o => new OwnerOutcome(o.Key.Length == 0 ? null : o.Key, OwnerName(o.Key), o.Value.Build()))
            .OrderBy(o => o.OwnerId is null).ThenBy(o => o.Name, StringComparer.Ordinal)],
        [.. _reactivation.OrderBy(r => r.OwnerId is null).ThenBy(r => r.OwnerName, StringComparer.Ordinal).ThenBy(r => r.LostAt).ThenBy(r => r.DealId, StringComparer.Ordinal)]);

    /// <summary>The funnel of a pipeline over a set of deals and the transitions recorded for them.</summary>
    public static PipelineFunnel Compute(
        Pipeline pipeline,
        IEnumerable<Deal> deals,
        IEnumerable<StageTransition> transitions,
        FunnelOptions options,
        DateTimeOffset now,
        Func<Deal, string?>? cohortOf = null,
        IReadOnlyDictionary<string, string>? ownerNames = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(transitions);
        var byDeal = transitions.GroupBy(t => t.DealId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<StageTransition>)[.. g], StringComparer.Ordinal);
        var calculator = new FunnelCalculator(pipeline, options, now, ownerNames);
        foreach (var deal in deals)
        {
            calculator.Add(deal, byDeal.GetValueOrDefault(deal.ExternalId) ?? [], cohortOf?.Invoke(deal));
        }

        return calculator.Build();
    }

    private ReactivationCandidate? Reactivation(FunnelDealPath path)
    {
        var deal = path.Deal;
        if (string.IsNullOrWhiteSpace(deal.LostReason))
        {
            return null;
        }

        ReactivationReason? why = _reasons.IsReassignable(deal.LostReason) ? ReactivationReason.Reassignable
            : _reasons.IsCompetitor(deal.LostReason) && path.LostAt is { } lostAt && _now - lostAt > TimeSpan.FromDays(_options.CompetitorRevisitAfterDays)
                ? ReactivationReason.CompetitorRevisit
                : null;
        return why is null ? null : new ReactivationCandidate(
            deal.ExternalId,
            deal.Name,
            deal.OwnerId,
            OwnerName(deal.OwnerId ?? ""),
            _reasons.Find(deal.LostReason) ?? deal.LostReason,
            why.Value,
            path.LostAt,
            path.LostFromRank is { } rank ? _shape.OpenStages[rank].Name : null);
    }

    private string OwnerName(string ownerId) => ownerId.Length == 0 ? NoOwner : _ownerNames.GetValueOrDefault(ownerId, ownerId);

    /// <summary>Cohorts in ordinal order, with the no-value cohort last.</summary>
    private sealed class CohortOrder : IComparer<string>
    {
        public static CohortOrder Instance { get; } = new();

        public int Compare(string? x, string? y) =>
            (x == FunnelCohort.NoValue).CompareTo(y == FunnelCohort.NoValue) is var none and not 0 ? none : string.CompareOrdinal(x, y);
    }
}
