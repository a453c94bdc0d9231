using System.Globalization;
using CrmBridge.Adapters.AmoCrm.Mapping;
using CrmBridge.Adapters.AmoCrm.Models;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.AmoCrm;

/// <summary>
/// The one place where amoCRM's wire shapes meet the common model, in both directions. Custom fields go through the
/// connection's field map: canonical name (<c>deal.source</c>) to the amoCRM field's name (<c>Источник</c>), code or id.
/// </summary>
internal sealed class AmoCrmMapper
{
    public const string DefaultMarkerField = "crmbridge_marker";

    private readonly string _connection;
    private readonly IReadOnlyDictionary<string, string> _dealFields;
    private readonly IReadOnlyDictionary<string, string> _companyFields;
    private readonly IReadOnlyDictionary<string, string> _contactFields;
    private readonly string _websiteField;
    private readonly string _companyPhoneField;
    private readonly string? _innField;
    private readonly string? _industryField;
    private readonly string _emailField;
    private readonly string _contactPhoneField;
    private readonly string _positionField;
    private readonly string? _roleField;

    public AmoCrmMapper(string connection, IReadOnlyDictionary<string, string> fieldMap)
    {
        _connection = connection;
        var partition = new FieldMapPartition(fieldMap, DefaultMarkerField);
        _dealFields = partition.Deal;
        MarkerField = partition.MarkerField;
        _companyFields = partition.CompanyCustom;
        _contactFields = partition.ContactCustom;
        _websiteField = partition.Find(CanonicalFields.CompanyWebsite) ?? "WEB";
        _companyPhoneField = partition.Find(CanonicalFields.CompanyPhone) ?? "PHONE";
        _innField = partition.Find(CanonicalFields.CompanyInn);
        _industryField = partition.Find(CanonicalFields.CompanyIndustry);
        _emailField = partition.Find(CanonicalFields.ContactEmail) ?? "EMAIL";
        _contactPhoneField = partition.Find(CanonicalFields.ContactPhone) ?? "PHONE";
        _positionField = partition.Find(CanonicalFields.ContactPosition) ?? "POSITION";
        _roleField = partition.Find(CanonicalFields.ContactRole);
    }

    /// <summary>The lead field (name, code or id) that holds CrmBridge's idempotency marker.</summary>
    public string MarkerField { get; }

    /// <param name="lossReasons">Loss reason names by id, for leads whose reason is not embedded.</param>
    /// <param name="currency">The account's currency: amoCRM has one per account, none per lead.</param>
    public AmoCrmDealMapResult MapDeal(AmoCrmLead lead, AmoCrmLeadActivity activity, IReadOnlyDictionary<long, string>? lossReasons, string? currency)
    {
        if (lead.PipelineId is not (> 0 and var pipeline))
        {
            return Skip("pipeline_id is missing");
        }

        if (lead.StatusId is not (> 0 and var status))
        {
            return Skip("status_id is missing");
        }

        var createdAt = AmoCrmTime.FromUnix(lead.CreatedAt);
        if (createdAt is null)
        {
            return Skip("created_at is missing");
        }

        var updatedAt = AmoCrmTime.FromUnix(lead.UpdatedAt) ?? createdAt;
        var dealStatus = StatusOf(status);
        var lostReason = lead.Embedded?.LossReason?.FirstOrDefault()?.Name
            ?? (lead.LossReasonId is { } reasonId && lossReasons is not null ? lossReasons.GetValueOrDefault(reasonId) : null);
        var mapped = new Deal
        {
            Connection = _connection,
            ExternalId = Id(lead.Id),
            Name = lead.Name ?? "",
            PipelineId = Id(pipeline),
            StageId = Id(status),
            // A lead's budget is a whole number and 0 when nobody filled it in.
            Amount = lead.Price is > 0 and var price ? price : null,
            Currency = NullIfEmpty(currency),
            OwnerId = lead.ResponsibleUserId is > 0 and var owner ? Id(owner) : null,
            CompanyId = lead.Embedded?.Companies?.FirstOrDefault() is { } company ? Id(company.Id) : null,
            ContactIds = ContactIds(lead.Embedded),
            CreatedAt = createdAt.Value,
            UpdatedAt = updatedAt.Value,
            // No status change recorded means the lead is still in the status it was created in.
            StageEnteredAt = activity.StageChangedAt ?? createdAt,
            LastActivityAt = activity.LastActivityAt,
            NextActivityAt = AmoCrmTime.FromUnix(lead.ClosestTaskAt),
            Status = dealStatus,
            ClosedAt = dealStatus == DealStatus.Open ? null : AmoCrmTime.FromUnix(lead.ClosedAt) ?? updatedAt,
            LostReason = dealStatus == DealStatus.Lost ? NullIfEmpty(lostReason) : null,
            Fields = ReadFields(lead.CustomFieldsValues, _dealFields),
        };
        return new AmoCrmDealMapResult(mapped, null);

        static AmoCrmDealMapResult Skip(string reason) => new(null, reason);
    }

    public static DealStatus StatusOf(long statusId) => statusId switch
    {
        AmoCrmLimits.WonStatusId => DealStatus.Won,
        AmoCrmLimits.LostStatusId => DealStatus.Lost,
        _ => DealStatus.Open,
    };

    /// <summary>The marker a lead carries; null when it has none.</summary>
    public string? ReadMarker(AmoCrmLead lead) => AmoCrmFieldValues.Read(lead.CustomFieldsValues, MarkerField);

    public Company MapCompany(AmoCrmCompany company) => new()
    {
        Connection = _connection,
        ExternalId = Id(company.Id),
        Name = company.Name ?? "",
        Website = NullIfEmpty(AmoCrmFieldValues.Read(company.CustomFieldsValues, _websiteField)),
        Inn = NullIfEmpty(AmoCrmFieldValues.Read(company.CustomFieldsValues, _innField)),
        Industry = NullIfEmpty(AmoCrmFieldValues.Read(company.CustomFieldsValues, _industryField)),
        Phone = NullIfEmpty(First(AmoCrmFieldValues.Read(company.CustomFieldsValues, _companyPhoneField))),
        UpdatedAt = AmoCrmTime.FromUnix(company.UpdatedAt),
        Fields = ReadFields(company.CustomFieldsValues, _companyFields),
    };

    public Contact MapContact(AmoCrmContact contact)
    {
        var fullName = contact.Name is { Length: > 0 } name ? name.Trim() : $"{contact.FirstName} {contact.LastName}".Trim();
        var email = NullIfEmpty(First(AmoCrmFieldValues.Read(contact.CustomFieldsValues, _emailField)));
        return new Contact
        {
            Connection = _connection,
            ExternalId = Id(contact.Id),
            FullName = fullName.Length > 0 ? fullName : email ?? "",
            Position = NullIfEmpty(AmoCrmFieldValues.Read(contact.CustomFieldsValues, _positionField)),
            Role = MapRole(AmoCrmFieldValues.Read(contact.CustomFieldsValues, _roleField)),
            Email = email,
            Phone = NullIfEmpty(First(AmoCrmFieldValues.Read(contact.CustomFieldsValues, _contactPhoneField))),
            CompanyId = contact.Embedded?.Companies?.FirstOrDefault() is { } company ? Id(company.Id) : null,
            UpdatedAt = AmoCrmTime.FromUnix(contact.UpdatedAt),
            Fields = ReadFields(contact.CustomFieldsValues, _contactFields),
        };
    }

    /// <summary>Statuses in their order; 142 is won and 143 is lost in every pipeline.</summary>
    public Pipeline MapPipeline(AmoCrmPipeline pipeline) => new(
        _connection,
        Id(pipeline.Id),
        pipeline.Name ?? Id(pipeline.Id),
        pipeline.Sort,
        [
            .. (pipeline.Embedded?.Statuses ?? []).OrderBy(s => s.Sort).ThenBy(s => s.Id)
                .Select(s => new Stage(Id(s.Id), Id(pipeline.Id), s.Name ?? Id(s.Id), s.Sort, OutcomeOf(s.Id))),
        ]);

    public static StageOutcome OutcomeOf(long statusId) => statusId switch
    {
        AmoCrmLimits.WonStatusId => StageOutcome.Won,
        AmoCrmLimits.LostStatusId => StageOutcome.Lost,
        _ => StageOutcome.Open,
    };

    public Owner MapOwner(AmoCrmUser user) =>
        new(_connection, Id(user.Id), NullIfEmpty(user.Name) ?? user.Email ?? Id(user.Id), NullIfEmpty(user.Email));

    public static FieldDefinition MapFieldDefinition(AmoCrmCustomField field) => new(
        "deal",
        Id(field.Id),
        field.Name ?? field.Code ?? Id(field.Id),
        field.Type ?? "text",
        IsCustom: true,
        [.. (field.Enums ?? []).OrderBy(e => e.Sort).Select(e => new FieldOption(Id(e.Id), e.Value ?? Id(e.Id)))]);

    /// <summary>The lead to create, with its links, fields and the marker; names become ids through <paramref name="catalog"/>.</summary>
    public AmoCrmLeadInput ToInput(NewDeal deal, AmoCrmFieldCatalog? catalog)
    {
        var fields = new List<AmoCrmFieldValueInput>();
        foreach (var (canonical, value) in deal.Fields)
        {
            if (value is not null)
            {
                fields.Add(FieldInput(canonical, value, catalog));
            }
        }

        if (deal.Marker is not null)
        {
            fields.Add(FieldInput(CanonicalFields.DealMarker, deal.Marker, catalog));
        }

        var contacts = deal.ContactIds.Distinct(StringComparer.Ordinal).Select((id, i) => new AmoCrmLinkedEntity { Id = ParseId(id, "contact"), IsMain = i == 0 }).ToList();
        var companies = deal.CompanyId is { Length: > 0 } companyId ? new List<AmoCrmLinkedEntity> { new() { Id = ParseId(companyId, "company") } } : null;
        return new AmoCrmLeadInput
        {
            Name = deal.Name,
            Price = deal.Amount is { } amount ? WholeAmount(amount) : null,
            PipelineId = ParseId(deal.PipelineId, "pipeline"),
            StatusId = ParseId(deal.StageId, "stage"),
            ResponsibleUserId = deal.OwnerId is { Length: > 0 } owner ? ParseId(owner, "owner") : null,
            CustomFieldsValues = fields.Count > 0 ? fields : null,
            Embedded = companies is null && contacts.Count == 0
                ? null
                : new AmoCrmLeadInputEmbedded { Companies = companies, Contacts = contacts.Count > 0 ? contacts : null },
        };
    }

    /// <summary>What a PATCH changes; a null field value clears the field.</summary>
    public AmoCrmLeadInput ToInput(DealUpdate update, AmoCrmFieldCatalog? catalog)
    {
        var fields = update.Fields.Select(f => FieldInput(f.Key, f.Value, catalog)).ToList();
        return new AmoCrmLeadInput
        {
            Name = update.Name,
            PipelineId = update.PipelineId is { Length: > 0 } pipeline ? ParseId(pipeline, "pipeline") : null,
            StatusId = update.StageId is { Length: > 0 } stage ? ParseId(stage, "stage") : null,
            CustomFieldsValues = fields.Count > 0 ? fields : null,
        };
    }

    /// <summary>The amoCRM id of a common-model id; amoCRM ids are positive integers.</summary>
    public static long ParseId(string id, string what) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new AmoCrmUnmappedFieldException($"{what} id '{id}' is not an amoCRM id (a positive integer)");

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private AmoCrmFieldValueInput FieldInput(string canonical, string? value, AmoCrmFieldCatalog? catalog)
    {
        var spec = _dealFields.GetValueOrDefault(canonical)
            ?? throw new AmoCrmUnmappedFieldException($"field '{canonical}' has no FieldMap entry naming its amoCRM lead field");
        var resolvedCatalog = catalog ?? throw new InvalidOperationException("Writing custom fields needs the lead field catalog.");
        return AmoCrmFieldCatalog.ToInput(canonical, resolvedCatalog.Resolve(canonical, spec), value);
    }

    private static long WholeAmount(decimal amount) =>
        decimal.Truncate(amount) == amount && amount >= 0
            ? (long)amount
            : throw new AmoCrmUnmappedFieldException($"amount {amount.ToString(CultureInfo.InvariantCulture)} is not a whole non-negative number; amoCRM budgets are whole numbers");

    private static IReadOnlyList<string> ContactIds(AmoCrmEntityEmbedded? embedded) =>
        [.. (embedded?.Contacts ?? []).OrderByDescending(c => c.IsMain == true).Select(c => Id(c.Id)).Distinct(StringComparer.Ordinal)];

    private static Dictionary<string, string?> ReadFields(IReadOnlyList<AmoCrmFieldValue>? values, IReadOnlyDictionary<string, string> map)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (canonical, spec) in map)
        {
            if (AmoCrmFieldValues.Read(values, spec) is { } value)
            {
                fields[canonical] = value;
            }
        }

        return fields;
    }

    /// <summary>Labels such as "Decision maker", "decision_maker" or "DecisionMaker" all name the same role.</summary>
    private static ContactRole MapRole(string? value)
    {
        foreach (var role in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = new string([.. role.Where(char.IsLetter)]).ToUpperInvariant();
            switch (key)
            {
                case "DECISIONMAKER":
                    return ContactRole.DecisionMaker;
                case "INFLUENCER":
                    return ContactRole.Influencer;
                case "CHAMPION":
                    return ContactRole.Champion;
            }
        }

        return ContactRole.Unknown;
    }

    private static string? First(string? joined) => joined?.Split("; ", 2)[0];

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

}
