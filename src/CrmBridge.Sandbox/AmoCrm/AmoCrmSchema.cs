using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>The sandbox account's fixed ids: pipelines and statuses, custom fields and their options, loss reasons.</summary>
internal static class AmoCrmSchema
{
    public const long AccountId = 31_000_001;
    public const string Subdomain = "sandbox";
    public const long SalesPipelineId = 7_000_001;
    public const long ClientSuccessPipelineId = 7_000_002;
    public const long WonStatusId = 142;
    public const long LostStatusId = 143;
    public const long FirstUserId = 8_000_001;
    public const long FirstLeadId = 20_000_001;
    public const long FirstCompanyId = 30_000_001;
    public const long FirstContactId = 40_000_001;
    public const long FirstTaskId = 50_000_001;
    public const long FirstNoteId = 60_000_001;
    public const long FirstLossReasonId = 9_000_001;

    public const long SourceFieldId = 600_001;
    public const long MarkerFieldId = 600_002;
    public const long CompanyPhoneFieldId = 610_001;
    public const long CompanyWebFieldId = 610_002;
    public const long InnFieldId = 610_003;
    public const long IndustryFieldId = 610_004;
    public const long ContactPhoneFieldId = 620_001;
    public const long ContactEmailFieldId = 620_002;
    public const long PositionFieldId = 620_003;
    public const long RoleFieldId = 620_004;

    public const string SourceField = "Source";
    public const string MarkerField = "CrmBridge marker";
    public const string InnField = "ИНН";
    public const string IndustryField = "Industry";
    public const string RoleField = "Role";

    public static IReadOnlyList<AmoCrmCustomFieldRecord> LeadFields { get; } =
    [
        new(SourceFieldId, SourceField, null, "select", 510, [.. SalesMethodDefaults.DealSources.Select((s, i) => (611_001L + i, s.Value))]),
        new(MarkerFieldId, MarkerField, null, "text", 520, []),
    ];

    public static IReadOnlyList<AmoCrmCustomFieldRecord> CompanyFields { get; } =
    [
        new(CompanyPhoneFieldId, "Phone", "PHONE", "multitext", 4, [(612_001, "WORK"), (612_002, "MOB")]),
        new(CompanyWebFieldId, "Web", "WEB", "url", 6, []),
        new(InnFieldId, InnField, null, "text", 510, []),
        new(IndustryFieldId, IndustryField, null, "text", 520, []),
    ];

    public static IReadOnlyList<AmoCrmCustomFieldRecord> ContactFields { get; } =
    [
        new(ContactPhoneFieldId, "Phone", "PHONE", "multitext", 4, [(613_001, "WORK"), (613_002, "MOB")]),
        new(ContactEmailFieldId, "Email", "EMAIL", "multitext", 5, [(613_011, "WORK"), (613_012, "PRIV")]),
        new(PositionFieldId, "Position", "POSITION", "text", 3, []),
        new(RoleFieldId, RoleField, null, "select", 510, [(614_001, "Decision maker"), (614_002, "Influencer"), (614_003, "Champion")]),
    ];

    /// <summary>Canonical field name to this account's field name, as a connection's FieldMap.</summary>
    public static IReadOnlyDictionary<string, string> FieldMap { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [CanonicalFields.DealSource] = SourceField,
        [CanonicalFields.DealMarker] = MarkerField,
        [CanonicalFields.CompanyInn] = InnField,
        [CanonicalFields.CompanyIndustry] = IndustryField,
        [CanonicalFields.ContactRole] = RoleField,
    };

    public static long PipelineId(string pipelineKey) => pipelineKey switch
    {
        SandboxStageKeys.SalesPipeline => SalesPipelineId,
        SandboxStageKeys.ClientSuccessPipeline => ClientSuccessPipelineId,
        _ => throw new KeyNotFoundException($"The dataset has no pipeline {pipelineKey}."),
    };

    /// <summary>
    /// The pipelines with amoCRM's statuses: the dataset's unsorted stage becomes the pipeline's own unsorted status
    /// (type 1, an id of its own; the Client Success pipeline has unsorted switched off), then the open stages, and the
    /// system statuses 142 (won) and 143 (lost) last, which every pipeline has.
    /// </summary>
    public static IReadOnlyList<AmoCrmPipelineRecord> Pipelines(SandboxDataset dataset)
    {
        var pipelines = new List<AmoCrmPipelineRecord>();
        foreach (var pipeline in dataset.Pipelines)
        {
            var id = PipelineId(pipeline.Key);
            var nextStatus = 100L * (id - 7_000_000) + 7_100_000;
            var statuses = new List<AmoCrmStatusRecord>();
            foreach (var stage in pipeline.Stages.OrderBy(s => s.Order))
            {
                statuses.Add(stage switch
                {
                    { Key: SandboxStageKeys.Unsorted } => new AmoCrmStatusRecord(nextStatus++, id, stage.Name, 10, 1, stage.Key),
                    { Outcome: StageOutcome.Won } => new AmoCrmStatusRecord(WonStatusId, id, stage.Name, 10000, 0, stage.Key),
                    { Outcome: StageOutcome.Lost } => new AmoCrmStatusRecord(LostStatusId, id, stage.Name, 11000, 0, stage.Key),
                    _ => new AmoCrmStatusRecord(nextStatus++, id, stage.Name, 10 * (stage.Order + 1), 0, stage.Key),
                });
            }

            if (!statuses.Any(s => s.Id == WonStatusId))
            {
                statuses.Add(new AmoCrmStatusRecord(WonStatusId, id, "Won", 10000, 0, null));
            }

            if (!statuses.Any(s => s.Id == LostStatusId))
            {
                statuses.Add(new AmoCrmStatusRecord(LostStatusId, id, "Lost", 11000, 0, null));
            }

            pipelines.Add(new AmoCrmPipelineRecord(id, pipeline.Name, pipeline.Order + 1, pipeline.Key == SandboxStageKeys.SalesPipeline, pipeline.Key, statuses));
        }

        return pipelines;
    }
}
