using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>
/// The rules that compare deals with each other: the same name in a pipeline on deals of different companies, and
/// several open deals of one company in a pipeline. They keep a few dozen bytes per name or company and no strings
/// per deal; the deals of a name that were seen before its conflict appeared are found by a second, rare pass.
/// </summary>
internal sealed class CrossDealRules(string connection, FindingSink sink, int expectedDeals, bool names, bool companies)
{
    // Sized up front from the expected deal count: growing a million-entry table doubles it for a moment.
    private readonly Dictionary<ulong, NameGroup> _names = new(names ? expectedDeals : 0);
    private readonly Dictionary<ulong, CompanyGroup> _companies = new(companies ? expectedDeals / 2 : 0);
    private readonly Dictionary<string, int> _pipelines = new(StringComparer.Ordinal);
    private readonly List<string> _pipelineIds = [];
    private readonly Dictionary<string, int> _owners = new(StringComparer.Ordinal);
    private readonly List<string> _ownerIds = [];

    /// <summary>True when some deals of a duplicated name were seen before the duplicate, so <see cref="Revisit"/> must run.</summary>
    public bool NeedsSecondPass { get; private set; }

    /// <param name="ordinal">The deal's position in the stream; <see cref="Revisit"/> is given the same positions.</param>
    public void Observe(Deal deal, CompiledRuleSet rules, int ordinal)
    {
        if (string.IsNullOrWhiteSpace(deal.CompanyId))
        {
            return;
        }

        var pipeline = Index(_pipelines, _pipelineIds, deal.PipelineId);
        var company = Fnv.Key(pipeline, deal.CompanyId);
        if (rules.DuplicateNamesOn && !string.IsNullOrWhiteSpace(deal.Name))
        {
            ObserveName(deal, pipeline, company, ordinal);
        }

        if (rules.OpenDealsPerCompanyOn && deal.Status == DealStatus.Open)
        {
            ObserveOpen(deal, pipeline, company);
        }
    }

    /// <summary>The second pass: reports deals of a duplicated name, of its first company, seen before the conflict.</summary>
    public void Revisit(Deal deal, int ordinal)
    {
        if (string.IsNullOrWhiteSpace(deal.CompanyId) || string.IsNullOrWhiteSpace(deal.Name) || !_pipelines.TryGetValue(deal.PipelineId, out var pipeline))
        {
            return;
        }

        var key = Fnv.NameKey(pipeline, deal.Name);
        if (_names.TryGetValue(key, out var group) && group.ConflictOrdinal > ordinal && group.FirstOrdinal < ordinal
            && group.FirstCompany == Fnv.Key(pipeline, deal.CompanyId))
        {
            Duplicate(deal.ExternalId, deal.OwnerId, deal.PipelineId, deal.Name);
        }
    }

    private void ObserveName(Deal deal, int pipeline, ulong company, int ordinal)
    {
        var key = Fnv.NameKey(pipeline, deal.Name);
        if (!_names.TryGetValue(key, out var group))
        {
            _names[key] = new NameGroup(company, DealRef.Of(deal.ExternalId, Index(_owners, _ownerIds, deal.OwnerId)), ordinal, -1, 0);
            return;
        }

        if (group.ConflictOrdinal < 0)
        {
            if (group.FirstCompany == company)
            {
                _names[key] = group with { SameCompanyBefore = group.SameCompanyBefore + 1 };
                return;
            }

            _names[key] = group with { ConflictOrdinal = ordinal };
            NeedsSecondPass |= group.SameCompanyBefore > 0;
            Duplicate(group.First.Id, Owner(group.First.Owner), deal.PipelineId, deal.Name);
        }

        Duplicate(deal.ExternalId, deal.OwnerId, deal.PipelineId, deal.Name);
    }

    private void ObserveOpen(Deal deal, int pipeline, ulong company)
    {
        if (!_companies.TryGetValue(company, out var group))
        {
            _companies[company] = new CompanyGroup(DealRef.Of(deal.ExternalId, Index(_owners, _ownerIds, deal.OwnerId)), 1);
            return;
        }

        _companies[company] = group with { Count = group.Count + 1 };
        if (group.Count == 1)
        {
            SeveralOpen(group.First.Id, Owner(group.First.Owner), deal);
        }

        SeveralOpen(deal.ExternalId, deal.OwnerId, deal);
    }

    private void Duplicate(string dealId, string? owner, string pipelineId, string name) => sink.AddOther(new HygieneFinding
    {
        Connection = connection,
        DealId = dealId,
        Rule = HygieneRules.DuplicateNames,
        Check = HygieneChecks.Duplicate,
        Subject = HygieneSubjects.Deal,
        SubjectId = dealId,
        Field = HygieneFields.DealName,
        Severity = HygieneSeverity.Warning,
        OwnerId = owner,
        PipelineId = pipelineId,
        Detail = $"'{DealEvaluator.Clip(name)}' is also the name of a deal of another company in this pipeline",
    });

    private void SeveralOpen(string dealId, string? owner, Deal current) => sink.AddOther(new HygieneFinding
    {
        Connection = connection,
        DealId = dealId,
        Rule = HygieneRules.OpenDealsPerCompany,
        Check = HygieneChecks.SeveralOpen,
        Subject = HygieneSubjects.Company,
        SubjectId = current.CompanyId!,
        Field = null,
        Severity = HygieneSeverity.Info,
        OwnerId = owner,
        PipelineId = current.PipelineId,
        Detail = $"company {current.CompanyId} has several open deals in pipeline {current.PipelineId}",
    });

    private string? Owner(int index) => index < 0 ? null : _ownerIds[index];

    private static int Index(Dictionary<string, int> map, List<string> list, string? value)
    {
        if (value is null)
        {
            return -1;
        }

        if (!map.TryGetValue(value, out var index))
        {
            index = list.Count;
            map[value] = index;
            list.Add(value);
        }

        return index;
    }

    private readonly record struct NameGroup(ulong FirstCompany, DealRef First, int FirstOrdinal, int ConflictOrdinal, int SameCompanyBefore);

    private readonly record struct CompanyGroup(DealRef First, int Count);
}
