using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>The object types, properties and association types of the sandbox portal.</summary>
internal static class HubSpotSchema
{
    public const string Deals = "deals";
    public const string Companies = "companies";
    public const string Contacts = "contacts";
    public const string Tasks = "tasks";
    public const string Notes = "notes";

    public const string SalesPipelineId = "default";
    public const string ClientSuccessPipelineId = "clientsuccess";

    /// <summary>The custom deal property holding <c>deal.source</c>.</summary>
    public const string LeadSourceProperty = "lead_source";

    /// <summary>The custom company property holding <c>company.inn</c>.</summary>
    public const string InnProperty = "inn";

    /// <summary>The custom deal property holding CrmBridge's idempotency markers.</summary>
    public const string MarkerProperty = "crmbridge_marker";

    private static readonly (string From, string To, int TypeId)[] AssociationTypes =
    [
        (Deals, Companies, 5), (Companies, Deals, 6),
        (Deals, Contacts, 3), (Contacts, Deals, 4),
        (Contacts, Companies, 1), (Companies, Contacts, 2),
        (Tasks, Deals, 216), (Deals, Tasks, 215),
        (Notes, Deals, 214), (Deals, Notes, 213),
    ];

    public static string PipelineId(string pipelineKey) => pipelineKey switch
    {
        SandboxStageKeys.SalesPipeline => SalesPipelineId,
        SandboxStageKeys.ClientSuccessPipeline => ClientSuccessPipelineId,
        _ => pipelineKey,
    };

    /// <summary>Stage ids are the logical stage keys: already lowercase, stable and unique across pipelines.</summary>
    public static string StageId(string stageKey) => stageKey;

    public static IReadOnlyDictionary<string, HubSpotObjectType> CreateTypes(SandboxDataset dataset)
    {
        var stageOptions = dataset.Pipelines.SelectMany(p => p.Stages).Select(s => (StageId(s.Key), s.Name)).ToList();
        var pipelineOptions = dataset.Pipelines.Select(p => (PipelineId(p.Key), p.Name)).ToList();
        var modified = HubSpotPropertyDefinition.DateTime("hs_lastmodifieddate", "Last Modified Date") with { ReadOnly = true };
        var objectId = HubSpotPropertyDefinition.Text("hs_object_id", "Record ID") with { Type = "number", FieldType = "number", ReadOnly = true };
        var created = HubSpotPropertyDefinition.DateTime("createdate", "Create Date");
        var owner = HubSpotPropertyDefinition.Text("hubspot_owner_id", "Owner") with { FieldType = "select" };

        var deals = new HubSpotObjectType(
            Deals,
            "deal",
            "hs_lastmodifieddate",
            ["dealname", "amount", "closedate", "pipeline", "dealstage", "createdate", "hs_lastmodifieddate", "hs_object_id"],
            [
                HubSpotPropertyDefinition.Text("dealname", "Deal Name"),
                HubSpotPropertyDefinition.Select("pipeline", "Pipeline", pipelineOptions),
                HubSpotPropertyDefinition.Select("dealstage", "Deal Stage", stageOptions),
                HubSpotPropertyDefinition.Number("amount", "Amount"),
                HubSpotPropertyDefinition.Select("deal_currency_code", "Currency", [("RUB", "Russian Ruble"), ("USD", "US Dollar"), ("EUR", "Euro")]),
                owner,
                created,
                modified,
                HubSpotPropertyDefinition.DateTime("closedate", "Close Date"),
                HubSpotPropertyDefinition.DateTime("hs_v2_date_entered_current_stage", "Date entered current stage") with { ReadOnly = true },
                HubSpotPropertyDefinition.DateTime("notes_last_updated", "Last Activity Date"),
                HubSpotPropertyDefinition.DateTime("notes_next_activity_date", "Next Activity Date"),
                HubSpotPropertyDefinition.Text("closed_lost_reason", "Closed Lost Reason") with { FieldType = "textarea" },
                HubSpotPropertyDefinition.Select(LeadSourceProperty, "Lead source", SalesMethodDefaults.DealSources, hubSpotDefined: false),
                HubSpotPropertyDefinition.Text(MarkerProperty, "CrmBridge marker", hubSpotDefined: false),
                HubSpotPropertyDefinition.Text("description", "Deal Description") with { FieldType = "textarea" },
                objectId,
            ]);
        var companies = new HubSpotObjectType(
            Companies,
            "company",
            "hs_lastmodifieddate",
            ["name", "domain", "createdate", "hs_lastmodifieddate", "hs_object_id"],
            [
                HubSpotPropertyDefinition.Text("name", "Company name"),
                HubSpotPropertyDefinition.Text("domain", "Company Domain Name"),
                HubSpotPropertyDefinition.Text("industry", "Industry"),
                HubSpotPropertyDefinition.Text("phone", "Phone Number") with { FieldType = "phonenumber" },
                HubSpotPropertyDefinition.Text(InnProperty, "INN", hubSpotDefined: false),
                owner,
                created,
                modified,
                objectId,
            ]);
        var contacts = new HubSpotObjectType(
            Contacts,
            "contact",
            "lastmodifieddate",
            ["firstname", "lastname", "email", "createdate", "lastmodifieddate", "hs_object_id"],
            [
                HubSpotPropertyDefinition.Text("firstname", "First Name"),
                HubSpotPropertyDefinition.Text("lastname", "Last Name"),
                HubSpotPropertyDefinition.Text("jobtitle", "Job Title"),
                HubSpotPropertyDefinition.Text("email", "Email"),
                HubSpotPropertyDefinition.Text("phone", "Phone Number") with { FieldType = "phonenumber" },
                HubSpotPropertyDefinition.Select("hs_buying_role", "Buying Role", [("DECISION_MAKER", "Decision maker"), ("INFLUENCER", "Influencer"), ("CHAMPION", "Champion"), ("BUDGET_HOLDER", "Budget holder"), ("END_USER", "End user")]),
                HubSpotPropertyDefinition.Text("associatedcompanyid", "Primary Associated Company ID") with { Type = "number", FieldType = "number" },
                owner,
                created,
                HubSpotPropertyDefinition.DateTime("lastmodifieddate", "Last Modified Date") with { ReadOnly = true },
                objectId,
            ]);
        var tasks = new HubSpotObjectType(
            Tasks,
            "task",
            "hs_lastmodifieddate",
            ["hs_timestamp", "hs_task_subject", "hs_task_status", "createdate", "hs_lastmodifieddate", "hs_object_id"],
            [
                HubSpotPropertyDefinition.DateTime("hs_timestamp", "Due date"),
                HubSpotPropertyDefinition.Text("hs_task_subject", "Task Title"),
                HubSpotPropertyDefinition.Text("hs_task_body", "Task notes") with { FieldType = "textarea" },
                HubSpotPropertyDefinition.Select("hs_task_status", "Task Status", [("NOT_STARTED", "Not started"), ("IN_PROGRESS", "In progress"), ("WAITING", "Waiting"), ("COMPLETED", "Completed"), ("DEFERRED", "Deferred")]),
                HubSpotPropertyDefinition.Select("hs_task_type", "Task Type", [("TODO", "To-do"), ("CALL", "Call"), ("EMAIL", "Email")]),
                HubSpotPropertyDefinition.Select("hs_task_priority", "Priority", [("LOW", "Low"), ("MEDIUM", "Medium"), ("HIGH", "High"), ("NONE", "None")]),
                owner,
                created,
                modified,
                objectId,
            ]);
        var notes = new HubSpotObjectType(
            Notes,
            "note",
            "hs_lastmodifieddate",
            ["hs_timestamp", "hs_note_body", "createdate", "hs_lastmodifieddate", "hs_object_id"],
            [
                HubSpotPropertyDefinition.DateTime("hs_timestamp", "Activity date"),
                HubSpotPropertyDefinition.Text("hs_note_body", "Note body") with { FieldType = "html" },
                owner,
                created,
                modified,
                objectId,
            ]);
        return new Dictionary<string, HubSpotObjectType>(StringComparer.Ordinal)
        {
            [Deals] = deals,
            [Companies] = companies,
            [Contacts] = contacts,
            [Tasks] = tasks,
            [Notes] = notes,
        };
    }

    /// <summary>The plural type name for a path segment, singular or plural (<c>deal</c>, <c>deals</c>, <c>0-3</c>).</summary>
    public static string? NormalizeTypeName(string segment) => segment.ToLowerInvariant() switch
    {
        "deal" or "deals" or "0-3" => Deals,
        "company" or "companies" or "0-2" => Companies,
        "contact" or "contacts" or "0-1" => Contacts,
        "task" or "tasks" or "0-27" => Tasks,
        "note" or "notes" or "0-46" => Notes,
        _ => null,
    };

    public static int? AssociationTypeId(string from, string to)
    {
        foreach (var (f, t, id) in AssociationTypes)
        {
            if (f == from && t == to)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>The target type of a HUBSPOT_DEFINED association type id, when it starts at <paramref name="from"/>.</summary>
    public static string? AssociationTarget(string from, int typeId)
    {
        foreach (var (f, t, id) in AssociationTypes)
        {
            if (f == from && id == typeId)
            {
                return t;
            }
        }

        return null;
    }

    public static string AssociationLabel(HubSpotObjectType from, HubSpotObjectType to) => $"{from.Singular}_to_{to.Singular}";
}
