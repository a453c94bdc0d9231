using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Cemetery;

/// <summary>
/// Decides, deal by deal, what is stale and keeps each pipeline's running figures, so a scan holds only the stale deals
/// and a few of the oldest per pipeline, never the whole mirror.
/// </summary>
public sealed class CemeteryEvaluator
{
    private readonly ConnectionOptions _connection;
    private readonly CrmCapabilities _capabilities;
    private readonly CemeteryOptions _options;
    private readonly CemeteryCalendar _calendar;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, PipelineState> _pipelines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Owner> _owners;
    private readonly List<StaleDeal> _stale = [];
    private long _scanned;
    private int _open;

    public CemeteryEvaluator(
        ConnectionOptions connection,
        CrmCapabilities capabilities,
        IReadOnlyList<Pipeline> pipelines,
        IReadOnlyList<Owner> owners,
        CemeteryOptions options,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _capabilities = capabilities;
        _options = options;
        _calendar = CemeteryCalendar.From(options);
        _now = now;
        _owners = owners.GroupBy(o => o.ExternalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var pipeline in pipelines)
        {
            if (RoleOf(pipeline.ExternalId) is { } role)
            {
                _pipelines[pipeline.ExternalId] = new PipelineState(pipeline.ExternalId, pipeline.Name, role, RulesFor(role), pipeline.Stages, options.OldestDealsShown);
            }
        }
    }

    /// <summary>True when the deal's stage-entered time has to come from observed stage transitions.</summary>
    public bool NeedsObservedStageEntry(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return !_capabilities.ReportsStageEnteredAt || deal.StageEnteredAt is null;
    }

    /// <param name="observedStageEntry">When CrmBridge saw the deal enter its current stage, for CRMs that do not report it.</param>
    public void Add(Deal deal, DateTimeOffset? observedStageEntry)
    {
        ArgumentNullException.ThrowIfNull(deal);
        _scanned++;
        var pipeline = Pipeline(deal.PipelineId);
        if (pipeline is null)
        {
            return;
        }

        var stage = pipeline.Stage(deal.StageId);
        if (deal.Status != DealStatus.Open || stage.Outcome != StageOutcome.Open)
        {
            pipeline.Moved(deal.ClosedAt ?? deal.StageEnteredAt ?? observedStageEntry ?? deal.UpdatedAt);
            return;
        }

        _open++;
        var enteredAt = (_capabilities.ReportsStageEnteredAt ? deal.StageEnteredAt : null) ?? observedStageEntry ?? deal.StageEnteredAt ?? deal.CreatedAt;

        // Without an activity feed, the deal's last modification is the best sign someone touched it.
        var activityAt = _capabilities.ReportsLastActivity ? deal.LastActivityAt : deal.UpdatedAt;
        var touchedAt = activityAt is { } a && a > enteredAt ? a : enteredAt;
        var idle = _calendar.IdleDays(touchedAt, _now);
        var threshold = stage.ThresholdDays;

        var reasons = StaleReasons.None;
        if (idle > threshold)
        {
            reasons |= StaleReasons.NoActivity;
        }

        if (pipeline.Rules.RequireNextActivity && _capabilities.ReportsNextActivity && deal.NextActivityAt is null)
        {
            reasons |= StaleReasons.NoNextActivity;
        }

        var owner = deal.OwnerId is null ? null : _owners.GetValueOrDefault(deal.OwnerId);
        pipeline.Open(deal, stage.Name, owner?.Name ?? deal.OwnerId, touchedAt, idle, reasons);
        if (reasons != StaleReasons.None)
        {
            _stale.Add(new StaleDeal(
                deal.Connection,
                deal.ExternalId,
                deal.Name,
                pipeline.Id,
                pipeline.Name,
                pipeline.Role,
                deal.StageId,
                stage.Name,
                deal.OwnerId,
                owner?.Name,
                owner?.Email,
                deal.Amount,
                deal.Currency,
                touchedAt,
                idle,
                threshold,
                reasons,
                deal.NextActivityAt,
                DealUrl(deal.ExternalId)));
        }
    }

    public CemeteryScan Complete()
    {
        var stale = _stale
            .OrderBy(d => d.OwnerName ?? d.OwnerId ?? "\uffff", StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(d => d.IdleDays)
            .ThenBy(d => d.DealId, StringComparer.Ordinal)
            .ToList();
        var pipelines = _pipelines.Values.Select(p => p.ToFigures(_calendar, _now, _options.GraveyardDays)).ToList();
        return new CemeteryScan(_connection.Name, _now, _scanned, _open, stale, pipelines);
    }

    private PipelineState? Pipeline(string pipelineId)
    {
        if (_pipelines.TryGetValue(pipelineId, out var known))
        {
            return known;
        }

        // A pipeline the mirror has no definition of yet: its deals still count, with ids for names.
        if (RoleOf(pipelineId) is not { } role)
        {
            return null;
        }

        var created = new PipelineState(pipelineId, pipelineId, role, RulesFor(role), [], _options.OldestDealsShown);
        _pipelines[pipelineId] = created;
        return created;
    }

    private PipelineRole? RoleOf(string pipelineId)
    {
        var roles = _connection.Pipelines;
        if (string.Equals(roles.ClientSuccess, pipelineId, StringComparison.Ordinal))
        {
            return _options.ClientSuccess.Enabled ? PipelineRole.ClientSuccess : null;
        }

        if (!_options.Sales.Enabled)
        {
            return null;
        }

        return roles.Sales.Count == 0 || roles.Sales.Contains(pipelineId, StringComparer.Ordinal) ? PipelineRole.Sales : null;
    }

    private CemeteryRulesOptions RulesFor(PipelineRole role) => role == PipelineRole.ClientSuccess ? _options.ClientSuccess : _options.Sales;

    private string? DealUrl(string dealId) =>
        string.IsNullOrWhiteSpace(_connection.DealUrlTemplate) ? null : _connection.DealUrlTemplate.Replace("{id}", Uri.EscapeDataString(dealId), StringComparison.Ordinal);

    private sealed class PipelineState
    {
        private readonly Dictionary<string, StageInfo> _stages = new(StringComparer.Ordinal);
        private readonly PriorityQueue<UntouchedDeal, long> _oldest = new();
        private readonly int _oldestShown;

        public PipelineState(string id, string name, PipelineRole role, CemeteryRulesOptions rules, IReadOnlyList<Stage> stages, int oldestShown)
        {
            Id = id;
            Name = name;
            Role = role;
            Rules = rules;
            _oldestShown = oldestShown;
            foreach (var stage in stages)
            {
                _stages[stage.ExternalId] = new StageInfo(stage.Name, stage.Outcome, ThresholdFor(rules, stage.ExternalId, stage.Name));
            }
        }

        public string Id { get; }

        public string Name { get; }

        public PipelineRole Role { get; }

        public CemeteryRulesOptions Rules { get; }

        public int OpenDeals { get; private set; }

        public int StaleDeals { get; private set; }

        public int NoActivity { get; private set; }

        public int NoNextActivity { get; private set; }

        public DateTimeOffset? LastMovedAt { get; private set; }

        public StageInfo Stage(string stageId)
        {
            if (!_stages.TryGetValue(stageId, out var stage))
            {
                stage = new StageInfo(stageId, StageOutcome.Open, ThresholdFor(Rules, stageId, stageId));
                _stages[stageId] = stage;
            }

            return stage;
        }

        public void Moved(DateTimeOffset at)
        {
            if (LastMovedAt is null || at > LastMovedAt)
            {
                LastMovedAt = at;
            }
        }

        public void Open(Deal deal, string stageName, string? ownerName, DateTimeOffset touchedAt, double idle, StaleReasons reasons)
        {
            OpenDeals++;
            Moved(touchedAt);
            if (reasons != StaleReasons.None)
            {
                StaleDeals++;
            }

            if (reasons.HasFlag(StaleReasons.NoActivity))
            {
                NoActivity++;
            }

            if (reasons.HasFlag(StaleReasons.NoNextActivity))
            {
                NoNextActivity++;
            }

            if (_oldestShown <= 0)
            {
                return;
            }

            // A max-heap on touch time (negated ticks) keeps the N oldest: the most recent of them leaves first.
            var priority = -touchedAt.UtcTicks;
            if (_oldest.Count < _oldestShown)
            {
                _oldest.Enqueue(new UntouchedDeal(deal.ExternalId, deal.Name, stageName, ownerName, touchedAt, idle), priority);
            }
            else if (_oldest.TryPeek(out _, out var newest) && priority > newest)
            {
                _oldest.DequeueEnqueue(new UntouchedDeal(deal.ExternalId, deal.Name, stageName, ownerName, touchedAt, idle), priority);
            }
        }

        public PipelineCemetery ToFigures(CemeteryCalendar calendar, DateTimeOffset now, int graveyardDays)
        {
            var oldest = _oldest.UnorderedItems.Select(i => i.Element).OrderBy(d => d.LastTouchedAt).ThenBy(d => d.DealId, StringComparer.Ordinal).ToList();
            double? sinceMove = LastMovedAt is { } moved ? calendar.IdleDays(moved, now) : null;
            return new PipelineCemetery(
                Id,
                Name,
                Role,
                OpenDeals,
                StaleDeals,
                NoActivity,
                NoNextActivity,
                OpenDeals == 0 ? 0 : (double)StaleDeals / OpenDeals,
                oldest,
                LastMovedAt,
                sinceMove,
                OpenDeals > 0 && sinceMove > graveyardDays);
        }

        private static int ThresholdFor(CemeteryRulesOptions rules, string stageId, string stageName) =>
            rules.StageThresholdDays.TryGetValue(stageId, out var byId) ? byId
            : rules.StageThresholdDays.TryGetValue(stageName, out var byName) ? byName
            : rules.DefaultThresholdDays;
    }

    private sealed record StageInfo(string Name, StageOutcome Outcome, int ThresholdDays);
}
