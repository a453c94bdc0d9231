using CrmBridge.Core.Hygiene.Checks;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>The rules of one pipeline of one connection, resolved from every configuration layer and compiled once per sweep.</summary>
internal sealed class CompiledRuleSet
{
    private static readonly FieldAccessor[] None = [];

    private readonly HashSet<string> _enabled;
    private readonly Dictionary<string, StageRequirements> _stages;

    public CompiledRuleSet(
        string pipelineId,
        HashSet<string> enabled,
        FieldAccessor[] required,
        Dictionary<string, StageRequirements> stages,
        FieldAccessor[] requiredWhenLost,
        NamingTemplate naming,
        PhoneNormalizer phone,
        (FieldAccessor Field, HashSet<string> Values)[] allowedValues,
        (FieldAccessor Field, HygieneFieldFormat Format)[] formats,
        int maxValueLength)
    {
        PipelineId = pipelineId;
        _enabled = enabled;
        Required = required;
        _stages = stages;
        RequiredWhenLost = requiredWhenLost;
        Naming = naming;
        Phone = phone;
        AllowedValues = allowedValues;
        Formats = formats;
        MaxValueLength = maxValueLength;
        RequiredFields = enabled.Contains(HygieneRules.RequiredFields);
        NamingOn = enabled.Contains(HygieneRules.Naming);
        WebsiteOn = enabled.Contains(HygieneRules.WebsiteFormat);
        EmailOn = enabled.Contains(HygieneRules.EmailFormat);
        PhoneOn = enabled.Contains(HygieneRules.PhoneFormat);
        InnOn = enabled.Contains(HygieneRules.InnFormat);
        AllowedValuesOn = enabled.Contains(HygieneRules.AllowedValues);
        FormatsOn = enabled.Contains(HygieneRules.FieldFormats);
        DuplicateNamesOn = enabled.Contains(HygieneRules.DuplicateNames);
        OpenDealsPerCompanyOn = enabled.Contains(HygieneRules.OpenDealsPerCompany);
        FieldHealthOn = enabled.Contains(HygieneRules.FieldHealth);
        NeedsCompany = RequiredFields || NamingOn || WebsiteOn || PhoneOn || InnOn || AllowedValuesOn || FormatsOn;
        NeedsContacts = RequiredFields || EmailOn || PhoneOn || AllowedValuesOn || FormatsOn;
        DealMembers = required.Concat(requiredWhenLost).Concat(stages.Values.SelectMany(s => s.ThroughThis.Concat(s.BeforeThis)))
            .Aggregate(HygieneDealMembers.None, (members, field) => members | field.PresenceMembers);
        DealMembers = allowedValues.Select(a => a.Field).Concat(formats.Select(f => f.Field))
            .Aggregate(DealMembers, (members, field) => members | field.ValueMembers);
    }

    public string PipelineId { get; }

    public FieldAccessor[] Required { get; }

    public FieldAccessor[] RequiredWhenLost { get; }

    public NamingTemplate Naming { get; }

    public PhoneNormalizer Phone { get; }

    public (FieldAccessor Field, HashSet<string> Values)[] AllowedValues { get; }

    public (FieldAccessor Field, HygieneFieldFormat Format)[] Formats { get; }

    public int MaxValueLength { get; }

    public bool RequiredFields { get; }

    public bool NamingOn { get; }

    public bool WebsiteOn { get; }

    public bool EmailOn { get; }

    public bool PhoneOn { get; }

    public bool InnOn { get; }

    public bool AllowedValuesOn { get; }

    public bool FormatsOn { get; }

    public bool DuplicateNamesOn { get; }

    public bool OpenDealsPerCompanyOn { get; }

    public bool FieldHealthOn { get; }

    public bool NeedsCompany { get; }

    public bool NeedsContacts { get; }

    /// <summary>The optional deal members the rules read: what the sweep asks the store for.</summary>
    public HygieneDealMembers DealMembers { get; }

    public bool IsEnabled(string rule) => _enabled.Contains(rule);

    /// <summary>
    /// The exit criteria a deal must meet in its stage: those of every open stage before it; for a deal won while
    /// sitting in an open stage (CRMs that mark won on the deal), that stage's too; none for a deal in a lost stage.
    /// </summary>
    public (FieldAccessor[] Fields, StageRequirements? Stage) StageCriteria(Deal deal)
    {
        if (!_stages.TryGetValue(deal.StageId, out var stage))
        {
            return (None, null);
        }

        return stage.Outcome switch
        {
            StageOutcome.Lost => (None, stage),
            StageOutcome.Open when deal.Status == DealStatus.Won => (stage.ThroughThis, stage),
            _ => (stage.BeforeThis, stage),
        };
    }
}
