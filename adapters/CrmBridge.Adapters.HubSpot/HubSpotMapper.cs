using System.Globalization;
using System.Text.Json;
using CrmBridge.Adapters.HubSpot.Mapping;
using CrmBridge.Adapters.HubSpot.Models;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using static CrmBridge.Adapters.HubSpot.Mapping.HubSpotProperties;

namespace CrmBridge.Adapters.HubSpot;

/// <summary>
/// The one place where HubSpot's wire shapes meet the common model, in both directions. Custom fields go through the
/// connection's field map: canonical name (<c>deal.source</c>) to HubSpot property name (<c>lead_source</c>).
/// </summary>
internal sealed class HubSpotMapper
{
    private readonly string _connection;
    private readonly IReadOnlyDictionary<string, string> _dealFields;
    private readonly IReadOnlyDictionary<string, string> _companyFields;
    private readonly IReadOnlyDictionary<string, string> _contactFields;
    private readonly string _websiteProperty;
    private readonly string _innProperty;

    public HubSpotMapper(string connection, IReadOnlyDictionary<string, string> fieldMap)
    {
        _connection = connection;
        var partition = new FieldMapPartition(fieldMap, DefaultMarker);
        _dealFields = partition.Deal;
        MarkerProperty = partition.MarkerField;
        _companyFields = partition.CompanyCustom;
        _contactFields = partition.ContactCustom;
        _websiteProperty = partition.Find(CanonicalFields.CompanyWebsite) ?? CompanyDomain;
        _innProperty = partition.Find(CanonicalFields.CompanyInn) ?? CompanyInn;

        DealPropertyNames = [.. StandardDeal.Concat(_dealFields.Values).Distinct(StringComparer.Ordinal)];
        CompanyPropertyNames =
        [
            .. new[] { CompanyName, CompanyDomain, _websiteProperty, CompanyIndustry, CompanyPhone, _innProperty, LastModified }
                .Concat(_companyFields.Values).Distinct(StringComparer.Ordinal),
        ];
        ContactPropertyNames =
        [
            .. new[] { FirstName, LastName, JobTitle, Email, Phone, BuyingRole, AssociatedCompanyId, ContactLastModified }
                .Concat(_contactFields.Values).Distinct(StringComparer.Ordinal),
        ];
    }

    /// <summary>The deal property that holds CrmBridge's idempotency marker.</summary>
    public string MarkerProperty { get; }

    public IReadOnlyList<string> DealPropertyNames { get; }

    public IReadOnlyList<string> CompanyPropertyNames { get; }

    public IReadOnlyList<string> ContactPropertyNames { get; }

    public HubSpotDealMapResult MapDeal(HubSpotObject deal, HubSpotDealLinks links, Func<string, string, StageOutcome?> stageOutcome)
    {
        var p = deal.Properties;
        var pipeline = HubSpotValues.NullIfEmpty(Get(p, DealPipeline));
        var stage = HubSpotValues.NullIfEmpty(Get(p, DealStage));
        if (pipeline is null)
        {
            return Skip("pipeline is missing");
        }

        if (stage is null)
        {
            return Skip("dealstage is missing");
        }

        if (!HubSpotValues.TryParseAmount(Get(p, Amount), out var amount))
        {
            return Skip($"amount '{Get(p, Amount)}' is not a number");
        }

        var times = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var name in new[] { CreateDate, LastModified, CloseDate, StageEnteredAt, LastActivity, NextActivity })
        {
            if (!HubSpotValues.TryParseTime(Get(p, name), out var time))
            {
                return Skip($"{name} '{Get(p, name)}' is not a date");
            }

            times[name] = time;
        }

        var createdAt = times[CreateDate] ?? deal.CreatedAt;
        var updatedAt = times[LastModified] ?? deal.UpdatedAt ?? createdAt;
        if (createdAt is null || updatedAt is null)
        {
            return Skip("createdate and hs_lastmodifieddate are missing");
        }

        var outcome = stageOutcome(pipeline, stage) ?? StageOutcome.Open;
        var mapped = new Deal
        {
            Connection = _connection,
            ExternalId = deal.Id,
            Name = Get(p, DealName) ?? "",
            PipelineId = pipeline,
            StageId = stage,
            Amount = amount,
            Currency = HubSpotValues.NullIfEmpty(Get(p, Currency)),
            OwnerId = HubSpotValues.NullIfEmpty(Get(p, OwnerId)),
            CompanyId = links.CompanyId,
            ContactIds = links.ContactIds,
            CreatedAt = createdAt.Value,
            UpdatedAt = updatedAt.Value,
            StageEnteredAt = times[StageEnteredAt],
            LastActivityAt = times[LastActivity],
            NextActivityAt = times[NextActivity],
            Status = outcome switch
            {
                StageOutcome.Won => DealStatus.Won,
                StageOutcome.Lost => DealStatus.Lost,
                _ => DealStatus.Open,
            },
            ClosedAt = times[CloseDate],
            LostReason = HubSpotValues.NullIfEmpty(Get(p, LostReason)),
            Fields = ReadFields(p, _dealFields),
        };
        return new HubSpotDealMapResult(mapped, null);

        static HubSpotDealMapResult Skip(string reason) => new(null, reason);
    }

    /// <summary>Links from the <c>associations</c> of a v3 list result.</summary>
    public static HubSpotDealLinks LinksFromList(HubSpotObject deal)
    {
        if (deal.Associations is null)
        {
            return HubSpotDealLinks.None;
        }

        string? company = null;
        if (deal.Associations.TryGetValue("companies", out var companies))
        {
            company = companies.Results.FirstOrDefault(r => r.Type == "deal_to_company")?.Id
                ?? companies.Results.FirstOrDefault()?.Id;
        }

        var contacts = deal.Associations.TryGetValue("contacts", out var list)
            ? list.Results.Select(r => r.Id).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList()
            : [];
        return new HubSpotDealLinks(HubSpotValues.NullIfEmpty(company), contacts);
    }

    /// <summary>Links from v4 batch reads; the primary company (type 5) wins when a deal has several.</summary>
    public static HubSpotDealLinks LinksFromBatch(HubSpotAssociationBatchItem? companies, HubSpotAssociationBatchItem? contacts)
    {
        var company = companies?.To
            .OrderByDescending(t => t.AssociationTypes?.Any(a => a.TypeId == HubSpotLimits.DealToCompanyTypeId) == true)
            .Select(t => t.ToObjectId.ToString(CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var contactIds = contacts?.To.Select(t => t.ToObjectId.ToString(CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal).ToList() ?? [];
        return new HubSpotDealLinks(company, contactIds);
    }

    public Company MapCompany(HubSpotObject company)
    {
        var p = company.Properties;
        HubSpotValues.TryParseTime(Get(p, LastModified), out var updatedAt);
        return new Company
        {
            Connection = _connection,
            ExternalId = company.Id,
            Name = Get(p, CompanyName) ?? "",
            Website = HubSpotValues.NullIfEmpty(Get(p, _websiteProperty)),
            Inn = HubSpotValues.NullIfEmpty(Get(p, _innProperty)),
            Industry = HubSpotValues.NullIfEmpty(Get(p, CompanyIndustry)),
            Phone = HubSpotValues.NullIfEmpty(Get(p, CompanyPhone)),
            UpdatedAt = updatedAt ?? company.UpdatedAt,
            Fields = ReadFields(p, _companyFields),
        };
    }

    public Contact MapContact(HubSpotObject contact)
    {
        var p = contact.Properties;
        HubSpotValues.TryParseTime(Get(p, ContactLastModified), out var updatedAt);
        var fullName = $"{Get(p, FirstName)} {Get(p, LastName)}".Trim();
        var email = HubSpotValues.NullIfEmpty(Get(p, Email));
        return new Contact
        {
            Connection = _connection,
            ExternalId = contact.Id,
            FullName = fullName.Length > 0 ? fullName : email ?? "",
            Position = HubSpotValues.NullIfEmpty(Get(p, JobTitle)),
            Role = MapRole(Get(p, BuyingRole)),
            Email = email,
            Phone = HubSpotValues.NullIfEmpty(Get(p, Phone)),
            CompanyId = HubSpotValues.NullIfEmpty(Get(p, AssociatedCompanyId)),
            UpdatedAt = updatedAt ?? contact.UpdatedAt,
            Fields = ReadFields(p, _contactFields),
        };
    }

    public Pipeline MapPipeline(HubSpotPipeline pipeline) => new(
        _connection,
        pipeline.Id,
        pipeline.Label ?? pipeline.Id,
        pipeline.DisplayOrder,
        [
            .. (pipeline.Stages ?? []).Where(s => !s.Archived).OrderBy(s => s.DisplayOrder)
                .Select(s => new Stage(s.Id, pipeline.Id, s.Label ?? s.Id, s.DisplayOrder, StageOutcomeOf(s))),
        ]);

    /// <summary>Won is a closed stage with probability 1.0; any other closed stage is lost.</summary>
    public static StageOutcome StageOutcomeOf(HubSpotPipelineStage stage)
    {
        var closed = string.Equals(Metadata(stage, "isClosed"), "true", StringComparison.OrdinalIgnoreCase);
        if (!closed)
        {
            return StageOutcome.Open;
        }

        return decimal.TryParse(Metadata(stage, "probability"), NumberStyles.Float, CultureInfo.InvariantCulture, out var probability) && probability >= 1m
            ? StageOutcome.Won
            : StageOutcome.Lost;
    }

    public Owner MapOwner(HubSpotOwner owner)
    {
        var name = $"{owner.FirstName} {owner.LastName}".Trim();
        return new Owner(_connection, owner.Id, name.Length > 0 ? name : owner.Email ?? owner.Id, HubSpotValues.NullIfEmpty(owner.Email));
    }

    public static FieldDefinition MapFieldDefinition(HubSpotProperty property) => new(
        "deal",
        property.Name,
        property.Label ?? property.Name,
        property.FieldType ?? property.Type ?? "string",
        !property.HubspotDefined,
        [.. (property.Options ?? []).Select(o => new FieldOption(o.Value, o.Label ?? o.Value))]);

    /// <summary>The properties of a new deal, the marker included.</summary>
    public Dictionary<string, string?> ToProperties(NewDeal deal)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [DealName] = deal.Name,
            [DealPipeline] = deal.PipelineId,
            [DealStage] = deal.StageId,
        };
        SetIfPresent(properties, Amount, deal.Amount is { } amount ? HubSpotValues.FormatAmount(amount) : null);
        SetIfPresent(properties, Currency, deal.Currency);
        SetIfPresent(properties, OwnerId, deal.OwnerId);
        WriteFields(properties, deal.Fields, clearNulls: false);
        if (deal.Marker is not null)
        {
            properties[MarkerProperty] = deal.Marker;
        }

        return properties;
    }

    /// <summary>The properties a change sets; a null custom field becomes "" (HubSpot clears a property that way).</summary>
    public Dictionary<string, string?> ToProperties(DealUpdate update)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        SetIfPresent(properties, DealName, update.Name);
        SetIfPresent(properties, DealPipeline, update.PipelineId);
        SetIfPresent(properties, DealStage, update.StageId);
        WriteFields(properties, update.Fields, clearNulls: true);
        return properties;
    }

    /// <summary>Every property a deal maps from, as HubSpot would return it (links and status live elsewhere).</summary>
    public Dictionary<string, string?> ToProperties(Deal deal)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [DealName] = deal.Name,
            [DealPipeline] = deal.PipelineId,
            [DealStage] = deal.StageId,
            [CreateDate] = HubSpotValues.FormatTime(deal.CreatedAt),
            [LastModified] = HubSpotValues.FormatTime(deal.UpdatedAt),
        };
        SetIfPresent(properties, Amount, deal.Amount is { } amount ? HubSpotValues.FormatAmount(amount) : null);
        SetIfPresent(properties, Currency, deal.Currency);
        SetIfPresent(properties, OwnerId, deal.OwnerId);
        SetIfPresent(properties, CloseDate, Format(deal.ClosedAt));
        SetIfPresent(properties, StageEnteredAt, Format(deal.StageEnteredAt));
        SetIfPresent(properties, LastActivity, Format(deal.LastActivityAt));
        SetIfPresent(properties, NextActivity, Format(deal.NextActivityAt));
        SetIfPresent(properties, LostReason, deal.LostReason);
        WriteFields(properties, deal.Fields, clearNulls: false);
        return properties;

        static string? Format(DateTimeOffset? value) => value is { } v ? HubSpotValues.FormatTime(v) : null;
    }

    /// <summary>The HubSpot property of a canonical deal field; null when the field map has none.</summary>
    public string? DealProperty(string canonical) => _dealFields.GetValueOrDefault(canonical);

    private void WriteFields(Dictionary<string, string?> properties, IReadOnlyDictionary<string, string?> fields, bool clearNulls)
    {
        foreach (var (canonical, value) in fields)
        {
            var property = _dealFields.GetValueOrDefault(canonical)
                ?? throw new HubSpotUnmappedFieldException(canonical);
            if (value is not null || clearNulls)
            {
                properties[property] = value ?? "";
            }
        }
    }

    private static Dictionary<string, string?> ReadFields(Dictionary<string, string?> properties, IReadOnlyDictionary<string, string> map)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (canonical, property) in map)
        {
            if (properties.TryGetValue(property, out var value))
            {
                fields[canonical] = value;
            }
        }

        return fields;
    }

    private static ContactRole MapRole(string? value)
    {
        foreach (var role in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (role.ToUpperInvariant())
            {
                case "DECISION_MAKER":
                    return ContactRole.DecisionMaker;
                case "INFLUENCER":
                    return ContactRole.Influencer;
                case "CHAMPION":
                    return ContactRole.Champion;
            }
        }

        return ContactRole.Unknown;
    }

    private static string? Metadata(HubSpotPipelineStage stage, string key)
    {
        if (stage.Metadata is null || !stage.Metadata.TryGetValue(key, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string? Get(Dictionary<string, string?> properties, string name) => properties.GetValueOrDefault(name);

    private static void SetIfPresent(Dictionary<string, string?> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties[name] = value;
        }
    }
}
