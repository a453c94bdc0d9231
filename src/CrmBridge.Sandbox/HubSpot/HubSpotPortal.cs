using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>
/// The state of the sandbox HubSpot portal: objects, pipelines, owners, and the write rules HubSpot applies
/// (property validation, stage-entered and close dates, modification times). Callers hold <see cref="Gate"/>.
/// </summary>
internal sealed class HubSpotPortal
{
    public const long FirstOwnerId = 41;
    public const long FirstUserId = 7001;
    public const long FirstDealId = 1_000_001;
    public const long FirstCompanyId = 5_000_001;
    public const long FirstContactId = 7_000_001;
    public const long FirstTaskId = 8_000_001;
    public const long FirstNoteId = 9_000_001;

    private readonly Func<DateTimeOffset> clock;
    private readonly Dictionary<string, long> dealIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> companyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> contactIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> ownerIds = new(StringComparer.Ordinal);

    public HubSpotPortal(SandboxDataset dataset, Func<DateTimeOffset> clock)
    {
        this.clock = clock;
        Types = HubSpotSchema.CreateTypes(dataset);
        Stores = new Dictionary<string, HubSpotObjectStore>(StringComparer.Ordinal)
        {
            [HubSpotSchema.Deals] = new(Types[HubSpotSchema.Deals], FirstDealId),
            [HubSpotSchema.Companies] = new(Types[HubSpotSchema.Companies], FirstCompanyId),
            [HubSpotSchema.Contacts] = new(Types[HubSpotSchema.Contacts], FirstContactId),
            [HubSpotSchema.Tasks] = new(Types[HubSpotSchema.Tasks], FirstTaskId),
            [HubSpotSchema.Notes] = new(Types[HubSpotSchema.Notes], FirstNoteId),
        };
        Pipelines = [.. dataset.Pipelines.Select(p => new HubSpotPipeline(
            HubSpotSchema.PipelineId(p.Key),
            p.Name,
            p.Order,
            [.. p.Stages.Select(s => new HubSpotStage(HubSpotSchema.StageId(s.Key), s.Name, s.Order, s.Outcome != StageOutcome.Open, s.Probability))]))];
        Owners = [.. dataset.Owners.Select((o, i) => new HubSpotOwner(
            FirstOwnerId + i, FirstUserId + i, o.Email, o.FirstName, o.LastName, o.Key, dataset.Now.AddYears(-2)))];
        foreach (var owner in Owners)
        {
            ownerIds[owner.DatasetKey] = owner.Id;
        }

        Seed(dataset);
    }

    public Lock Gate { get; } = new();

    public IReadOnlyDictionary<string, HubSpotObjectType> Types { get; }

    public IReadOnlyDictionary<string, HubSpotObjectStore> Stores { get; }

    public IReadOnlyList<HubSpotPipeline> Pipelines { get; }

    public IReadOnlyList<HubSpotOwner> Owners { get; }

    public HubSpotObjectStore Deals => Stores[HubSpotSchema.Deals];

    public DateTimeOffset Now => clock();

    public long? DealId(string dealKey) => dealIds.TryGetValue(dealKey, out var id) ? id : null;

    public long? CompanyId(string companyKey) => companyIds.TryGetValue(companyKey, out var id) ? id : null;

    public long? ContactId(string contactKey) => contactIds.TryGetValue(contactKey, out var id) ? id : null;

    public long? OwnerId(string ownerKey) => ownerIds.TryGetValue(ownerKey, out var id) ? id : null;

    public HubSpotObjectStore Store(string typeSegment) =>
        HubSpotSchema.NormalizeTypeName(typeSegment) is { } name
            ? Stores[name]
            : throw HubSpotRequestException.NotFound($"Unable to infer object type from: {typeSegment}");

    /// <summary>Creates an object from API input: validates everything first, so a rejected create leaves no trace.</summary>
    public HubSpotObject Create(HubSpotObjectStore store, IReadOnlyDictionary<string, string?> properties, IReadOnlyList<(string ToId, int TypeId)> associations)
    {
        var links = new List<HubSpotObject>();
        foreach (var (toId, typeId) in associations)
        {
            var target = HubSpotSchema.AssociationTarget(store.Type.Name, typeId)
                ?? throw HubSpotRequestException.Validation($"Association type {typeId} is not valid from {store.Type.Name}.");
            var linked = Stores[target].FindLive(toId)
                ?? throw HubSpotRequestException.Validation($"Cannot associate with {Types[target].Singular} {toId}: it does not exist.");
            links.Add(linked);
        }

        var changes = Prepare(store.Type, null, properties, fromApi: true);
        var now = Now;
        var obj = store.Add(now, now);
        Apply(store, obj, changes, now, created: true);
        foreach (var linked in links)
        {
            Link(obj, linked);
        }

        return obj;
    }

    /// <summary>Updates an object; <paramref name="fromApi"/> also rejects read-only properties.</summary>
    public void Update(HubSpotObjectStore store, HubSpotObject obj, IReadOnlyDictionary<string, string?> properties, bool fromApi)
    {
        var changes = Prepare(store.Type, obj, properties, fromApi);
        Apply(store, obj, changes, Now, created: false);
    }

    public static void Link(HubSpotObject from, HubSpotObject to)
    {
        from.Associate(to.Type.Name, to.Id);
        to.Associate(from.Type.Name, from.Id);
    }

    private Dictionary<string, string?> Prepare(HubSpotObjectType type, HubSpotObject? current, IReadOnlyDictionary<string, string?> properties, bool fromApi)
    {
        var errors = new List<string>();
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, raw) in properties)
        {
            if (!type.PropertiesByName.TryGetValue(name, out var definition))
            {
                errors.Add($"Property \"{name}\" does not exist");
                continue;
            }

            if (fromApi && definition.ReadOnly)
            {
                errors.Add($"\"{name}\" is a read only property; its value cannot be set.");
                continue;
            }

            var value = string.IsNullOrEmpty(raw) ? null : raw;
            if (value is null)
            {
                changes[name] = null;
                continue;
            }

            switch (definition.Type)
            {
                case "number" when !Format.TryParseNumber(value, out _):
                    errors.Add($"{value} was not a valid number.");
                    break;
                case "datetime" or "date" when !Format.TryParseTime(value, out _):
                    errors.Add($"{value} was not a valid date or epoch milliseconds.");
                    break;
                case "datetime" or "date":
                    Format.TryParseTime(value, out var time);
                    changes[name] = Format.Time(time);
                    break;
                case "enumeration" when name is not ("pipeline" or "dealstage") && definition.Options.All(o => o.Value != value):
                    errors.Add($"{value} was not one of the allowed options: [{string.Join(", ", definition.Options.Select(o => o.Value))}]");
                    break;
                default:
                    changes[name] = name == "hubspot_owner_id" && !Owners.Any(o => Format.Id(o.Id) == value)
                        ? AddError(errors, $"{value} is not a valid owner id.")
                        : value;
                    break;
            }
        }

        if (type.Name == HubSpotSchema.Deals)
        {
            var pipelineId = Pick(changes, current, "pipeline") ?? HubSpotSchema.SalesPipelineId;
            var pipeline = Pipelines.FirstOrDefault(p => p.Id == pipelineId);
            if (pipeline is null)
            {
                errors.Add($"{pipelineId} is not a valid pipeline id.");
            }
            else
            {
                var stageId = Pick(changes, current, "dealstage") ?? pipeline.Stages[0].Id;
                if (pipeline.Stages.All(s => s.Id != stageId))
                {
                    errors.Add($"{stageId} is not a valid deal stage for pipeline {pipeline.Id}.");
                }
                else
                {
                    changes["pipeline"] = pipeline.Id;
                    changes["dealstage"] = stageId;
                }
            }
        }

        return errors.Count == 0
            ? changes
            : throw HubSpotRequestException.Validation($"Property values were not valid: {string.Join(" ", errors)}");
    }

    private static string? AddError(List<string> errors, string message)
    {
        errors.Add(message);
        return null;
    }

    private static string? Pick(Dictionary<string, string?> changes, HubSpotObject? current, string name) =>
        changes.TryGetValue(name, out var value) ? value : current?.Properties.GetValueOrDefault(name);

    private void Apply(HubSpotObjectStore store, HubSpotObject obj, Dictionary<string, string?> changes, DateTimeOffset now, bool created)
    {
        var stageBefore = obj.Properties.GetValueOrDefault("dealstage");
        foreach (var (name, value) in changes)
        {
            obj.Properties[name] = value;
        }

        if (store.Type.Name == HubSpotSchema.Deals)
        {
            obj.Properties.TryAdd("deal_currency_code", "RUB");
            obj.Properties["deal_currency_code"] ??= "RUB";
            var stageId = obj.Properties["dealstage"];
            if (created || stageBefore != stageId)
            {
                obj.Properties["hs_v2_date_entered_current_stage"] = Format.Time(now);
                var stage = Pipelines.SelectMany(p => p.Stages).First(s => s.Id == stageId);
                if (stage.IsClosed && !changes.ContainsKey("closedate"))
                {
                    obj.Properties["closedate"] ??= Format.Time(now);
                }
            }
        }

        store.Touch(obj, now);
    }

    private void Seed(SandboxDataset dataset)
    {
        var companies = Stores[HubSpotSchema.Companies];
        foreach (var company in dataset.Companies)
        {
            var obj = companies.Add(company.CreatedAt, company.UpdatedAt, company.Key);
            obj.Properties["name"] = company.Name;
            obj.Properties["domain"] = company.Website;
            obj.Properties["industry"] = company.Industry;
            obj.Properties["phone"] = company.Phone;
            obj.Properties[HubSpotSchema.InnProperty] = company.Inn;
            companyIds[company.Key] = obj.Id;
        }

        var contacts = Stores[HubSpotSchema.Contacts];
        foreach (var contact in dataset.Contacts)
        {
            var obj = contacts.Add(contact.CreatedAt, contact.UpdatedAt, contact.Key);
            var companyId = companyIds[contact.CompanyKey];
            obj.Properties["firstname"] = contact.FirstName;
            obj.Properties["lastname"] = contact.LastName;
            obj.Properties["jobtitle"] = contact.Position;
            obj.Properties["email"] = contact.Email;
            obj.Properties["phone"] = contact.Phone;
            obj.Properties["hs_buying_role"] = contact.Role switch
            {
                ContactRole.DecisionMaker => "DECISION_MAKER",
                ContactRole.Influencer => "INFLUENCER",
                ContactRole.Champion => "CHAMPION",
                _ => null,
            };
            obj.Properties["associatedcompanyid"] = Format.Id(companyId);
            Link(obj, companies.Find(companyId)!);
            contactIds[contact.Key] = obj.Id;
        }

        foreach (var deal in dataset.Deals)
        {
            var obj = Deals.Add(deal.CreatedAt, deal.UpdatedAt, deal.Key);
            var p = obj.Properties;
            p["dealname"] = deal.Name;
            p["pipeline"] = HubSpotSchema.PipelineId(deal.PipelineKey);
            p["dealstage"] = HubSpotSchema.StageId(deal.StageKey);
            p["amount"] = deal.Amount is { } amount ? Format.Number(amount) : null;
            p["deal_currency_code"] = deal.Currency;
            p["hubspot_owner_id"] = Format.Id(ownerIds[deal.OwnerKey]);
            p["closedate"] = Format.Time(deal.ClosedAt);
            p["hs_v2_date_entered_current_stage"] = Format.Time(deal.StageEnteredAt);
            p["notes_last_updated"] = Format.Time(deal.LastActivityAt);
            p["notes_next_activity_date"] = Format.Time(deal.NextActivityAt);
            p["closed_lost_reason"] = deal.LostReason;
            p[HubSpotSchema.LeadSourceProperty] = deal.Source;
            if (deal.CompanyKey is not null)
            {
                Link(obj, companies.Find(companyIds[deal.CompanyKey])!);
            }

            foreach (var contactKey in deal.ContactKeys)
            {
                Link(obj, contacts.Find(contactIds[contactKey])!);
            }

            dealIds[deal.Key] = obj.Id;
        }

        foreach (var store in Stores.Values)
        {
            store.FinishSeeding();
        }
    }
}
