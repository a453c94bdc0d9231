using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Mapping;
using CrmBridge.Adapters.Bitrix24.Models;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using static CrmBridge.Adapters.Bitrix24.Mapping.Bitrix24Values;

namespace CrmBridge.Adapters.Bitrix24;

/// <summary>
/// The one place where Bitrix24's wire shapes meet the common model, in both directions. Reads accept the current
/// <c>crm.item.*</c> shape and the legacy <c>crm.deal.*</c> one. Custom fields go through the connection's field map
/// (canonical name to <c>UF_CRM_*</c> code or label); list values travel as item ids and are shown as their labels.
/// </summary>
internal sealed class Bitrix24Mapper(string connection, Bitrix24FieldCatalog catalog)
{
    private static readonly string[] StandardDealFields =
    [
        "id", "title", "categoryId", "stageId", "stageSemanticId", "opportunity", "currencyId", "assignedById", "companyId",
        "contactIds", "createdTime", "updatedTime", "movedTime", "lastActivityTime", "closedate", "closed",
    ];

    public Bitrix24FieldCatalog Catalog => catalog;

    /// <summary>The deal fields every listing selects: the standard ones and every mapped user field.</summary>
    public IReadOnlyList<string> DealSelect =>
        [.. StandardDealFields.Concat(catalog.ForEntity("deal").Select(f => f.Code)).Distinct(StringComparer.Ordinal)];

    /// <summary>Companies and contacts select everything (<c>*</c>, which brings the <c>fm</c> phones, emails and sites) plus their mapped user fields.</summary>
    public IReadOnlyList<string> SelectAll(string entity) =>
        [.. new[] { "*" }.Concat(catalog.ForEntity(entity).Select(f => f.Code)).Distinct(StringComparer.Ordinal)];

    public Bitrix24DealMapResult MapDeal(
        IReadOnlyDictionary<string, JsonElement> item,
        IReadOnlyDictionary<string, Bitrix24StageInfo> stages,
        IReadOnlyList<string>? contactIds,
        DateTimeOffset? nextActivityAt)
    {
        var id = Id(Get(item, "id", "ID"));
        if (id is null)
        {
            return Skip("id is missing");
        }

        var stage = String(Get(item, "stageId", "STAGE_ID"));
        if (stage is null)
        {
            return Skip("stageId is missing");
        }

        if (!TryDecimal(Get(item, "opportunity", "OPPORTUNITY"), out var amount))
        {
            return Skip($"opportunity '{String(Get(item, "opportunity", "OPPORTUNITY"))}' is not a number");
        }

        var times = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var (camel, upper) in new[]
        {
            ("createdTime", "DATE_CREATE"), ("updatedTime", "DATE_MODIFY"), ("movedTime", "MOVED_TIME"),
            ("lastActivityTime", "LAST_ACTIVITY_TIME"), ("closedate", "CLOSEDATE"),
        })
        {
            if (!TryTime(Get(item, camel, upper), out var time))
            {
                return Skip($"{camel} '{String(Get(item, camel, upper))}' is not a date");
            }

            times[camel] = time;
        }

        if (times["createdTime"] is not { } createdAt)
        {
            return Skip("createdTime is missing");
        }

        var known = stages.GetValueOrDefault(stage);
        var status = StatusOf(String(Get(item, "stageSemanticId", "STAGE_SEMANTIC_ID")), known);
        var lostReason = status == DealStatus.Lost ? LostReasonOf(item, known) : null;
        var deal = new Deal
        {
            Connection = connection,
            ExternalId = id,
            Name = String(Get(item, "title", "TITLE")) ?? "",
            PipelineId = Id(Get(item, "categoryId", "CATEGORY_ID")) ?? Bitrix24Limits.DefaultCategoryId,
            StageId = stage,
            Amount = amount,
            Currency = String(Get(item, "currencyId", "CURRENCY_ID")),
            OwnerId = Id(Get(item, "assignedById", "ASSIGNED_BY_ID")),
            CompanyId = Id(Get(item, "companyId", "COMPANY_ID")),
            ContactIds = contactIds ?? Ids(Get(item, "contactIds", "CONTACT_ID")),
            CreatedAt = createdAt,
            UpdatedAt = times["updatedTime"] ?? createdAt,
            StageEnteredAt = times["movedTime"],
            LastActivityAt = times["lastActivityTime"],
            NextActivityAt = nextActivityAt,
            Status = status,
            ClosedAt = status == DealStatus.Open ? null : times["closedate"],
            LostReason = lostReason,
            Fields = ReadFields(item, "deal", exclude: Bitrix24FieldCatalog.LostReason),
        };
        return new Bitrix24DealMapResult(deal, null);

        static Bitrix24DealMapResult Skip(string reason) => new(null, reason);
    }

    /// <summary>Won and lost come from the stage's semantics (S/F), never from its name.</summary>
    public static DealStatus StatusOf(string? semanticId, Bitrix24StageInfo? stage) => semanticId?.ToUpperInvariant() switch
    {
        "S" => DealStatus.Won,
        "F" => DealStatus.Lost,
        "P" => DealStatus.Open,
        _ => stage?.Outcome switch
        {
            StageOutcome.Won => DealStatus.Won,
            StageOutcome.Lost => DealStatus.Lost,
            _ => DealStatus.Open,
        },
    };

    public static StageOutcome OutcomeOf(Bitrix24Status status)
    {
        var semantics = status.Semantics?.ToUpperInvariant();
        if (semantics == "S")
        {
            return StageOutcome.Won;
        }

        if (semantics == "F")
        {
            return StageOutcome.Lost;
        }

        return status.Extra?.Semantics?.ToLowerInvariant() switch
        {
            "success" => StageOutcome.Won,
            "failure" or "apology" => StageOutcome.Lost,
            _ => StageOutcome.Open,
        };
    }

    public static Pipeline MapPipeline(string connection, Bitrix24Category category, IReadOnlyList<Bitrix24Status> statuses)
    {
        var id = category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Pipeline(
            connection,
            id,
            category.Name ?? id,
            category.Sort,
            [.. statuses.OrderBy(s => s.Sort).Select(s => new Stage(s.StatusId, id, s.Name ?? s.StatusId, s.Sort, OutcomeOf(s)))]);
    }

    public static Owner MapOwner(string connection, Bitrix24User user)
    {
        var name = $"{user.Name} {user.LastName}".Trim();
        return new Owner(connection, user.Id, name.Length > 0 ? name : user.Email ?? user.Id, NullIfEmpty(user.Email));
    }

    public Company MapCompany(IReadOnlyDictionary<string, JsonElement> item)
    {
        TryTime(Get(item, "updatedTime", "DATE_MODIFY"), out var updatedAt);
        return new Company
        {
            Connection = connection,
            ExternalId = Id(Get(item, "id", "ID")) ?? "",
            Name = String(Get(item, "title", "TITLE")) ?? "",
            Website = MappedOr(item, CanonicalFields.CompanyWebsite, () => Multifield(item, "WEB")),
            Inn = MappedOr(item, CanonicalFields.CompanyInn, () => null),
            Industry = MappedOr(item, CanonicalFields.CompanyIndustry, () => String(Get(item, "industry", "INDUSTRY"))),
            Phone = MappedOr(item, CanonicalFields.CompanyPhone, () => Multifield(item, "PHONE")),
            UpdatedAt = updatedAt,
            Fields = ReadFields(item, "company", exclude: null, FieldMapPartition.CompanyMembers),
        };
    }

    public Contact MapContact(IReadOnlyDictionary<string, JsonElement> item)
    {
        TryTime(Get(item, "updatedTime", "DATE_MODIFY"), out var updatedAt);
        var email = MappedOr(item, CanonicalFields.ContactEmail, () => Multifield(item, "EMAIL") ?? String(Get(item, "email")));
        var fullName = $"{String(Get(item, "name", "NAME"))} {String(Get(item, "lastName", "LAST_NAME"))}".Trim();
        var companyIds = Ids(Get(item, "companyIds"));
        return new Contact
        {
            Connection = connection,
            ExternalId = Id(Get(item, "id", "ID")) ?? "",
            FullName = fullName.Length > 0 ? fullName : email ?? "",
            Position = MappedOr(item, CanonicalFields.ContactPosition, () => String(Get(item, "post", "POST"))),
            Role = RoleOf(MappedOr(item, CanonicalFields.ContactRole, () => null)),
            Email = email,
            Phone = MappedOr(item, CanonicalFields.ContactPhone, () => Multifield(item, "PHONE") ?? String(Get(item, "phone"))),
            CompanyId = companyIds.FirstOrDefault() ?? Id(Get(item, "companyId", "COMPANY_ID")),
            UpdatedAt = updatedAt,
            Fields = ReadFields(item, "contact", exclude: null, FieldMapPartition.ContactMembers),
        };
    }

    public FieldDefinition MapFieldDefinition(string key, Bitrix24Field field) => new(
        "deal",
        field.IsDynamic ? field.UpperName ?? key : key,
        NullIfEmpty(field.FormLabel) ?? NullIfEmpty(field.ListLabel) ?? NullIfEmpty(field.Title) ?? key,
        field.Type ?? "string",
        field.IsDynamic || key.StartsWith("UF_", StringComparison.OrdinalIgnoreCase),
        [.. (field.Items ?? []).Select(i => new FieldOption(i.Id, i.Value ?? i.Id))]);

    /// <summary>The <c>fields</c> of <c>crm.item.add</c> for a new deal, the marker included.</summary>
    public JsonObject ToFields(NewDeal deal)
    {
        var fields = new JsonObject
        {
            ["title"] = deal.Name,
            ["categoryId"] = IdNode(deal.PipelineId),
            ["stageId"] = deal.StageId,
        };
        if (deal.Amount is { } amount)
        {
            fields["opportunity"] = amount;
        }

        if (deal.Currency is not null)
        {
            fields["currencyId"] = deal.Currency;
        }

        if (deal.OwnerId is not null)
        {
            fields["assignedById"] = IdNode(deal.OwnerId);
        }

        if (deal.CompanyId is not null)
        {
            fields["companyId"] = IdNode(deal.CompanyId);
        }

        if (deal.ContactIds.Count > 0)
        {
            fields["contactIds"] = new JsonArray([.. deal.ContactIds.Distinct(StringComparer.Ordinal).Select(IdNode)]);
        }

        WriteFields(fields, deal.Fields, clearNulls: false);
        if (deal.Marker is not null)
        {
            var marker = catalog.Find(CanonicalFields.DealMarker)
                ?? throw new Bitrix24UnmappedFieldException(
                    $"FieldMap has no {CanonicalFields.DealMarker}: map it to a string user field (UF_CRM_*) that holds CrmBridge's idempotency marker.");
            fields[marker.Code] = deal.Marker;
        }

        return fields;
    }

    /// <summary>The <c>fields</c> of <c>crm.item.update</c>; a null custom field is cleared.</summary>
    public JsonObject ToFields(DealUpdate update)
    {
        var fields = new JsonObject();
        if (update.Name is not null)
        {
            fields["title"] = update.Name;
        }

        if (update.PipelineId is not null)
        {
            fields["categoryId"] = IdNode(update.PipelineId);
        }

        if (update.StageId is not null)
        {
            fields["stageId"] = update.StageId;
        }

        WriteFields(fields, update.Fields, clearNulls: true);
        return fields;
    }

    /// <summary>
    /// List fields a write set whose stored value is not what was sent: Bitrix24 accepts an unknown list value without an
    /// error and stores nothing, so a write is checked by reading the deal back.
    /// </summary>
    public IReadOnlyList<string> ListWritesNotKept(JsonObject sent, IReadOnlyDictionary<string, JsonElement> stored)
    {
        var problems = new List<string>();
        foreach (var field in catalog.ForEntity("deal").Where(f => f.IsList))
        {
            if (!sent.TryGetPropertyValue(field.Code, out var node) || node is null)
            {
                continue;
            }

            var expected = node is JsonArray array ? array.Select(n => n?.ToString()).OfType<string>().Where(s => s.Length > 0).Order(StringComparer.Ordinal).ToList()
                : node.ToString() is { Length: > 0 } single ? [single] : [];
            var actual = Ids(stored.TryGetValue(field.Code, out var value) ? value : null).Order(StringComparer.Ordinal).ToList();
            if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                problems.Add($"{field.Canonical} ({field.Code}) was sent as [{string.Join(", ", expected.Select(field.Label))}] but the portal kept [{string.Join(", ", actual.Select(field.Label))}]");
            }
        }

        return problems;
    }

    private string? LostReasonOf(IReadOnlyDictionary<string, JsonElement> item, Bitrix24StageInfo? stage)
    {
        // A portal that records the reason in a user field says so in the field map; otherwise the failure stage is the reason.
        if (catalog.Find(Bitrix24FieldCatalog.LostReason) is { } field)
        {
            return ReadField(item, field);
        }

        return stage?.Name;
    }

    private Dictionary<string, string?> ReadFields(IReadOnlyDictionary<string, JsonElement> item, string entity, string? exclude, IReadOnlySet<string>? members = null)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in catalog.ForEntity(entity))
        {
            if ((exclude is not null && string.Equals(field.Canonical, exclude, StringComparison.OrdinalIgnoreCase))
                || (members is not null && members.Contains(field.Canonical)))
            {
                continue;
            }

            if (item.ContainsKey(field.Code))
            {
                fields[field.Canonical] = ReadField(item, field);
            }
        }

        return fields;
    }

    private static string? ReadField(IReadOnlyDictionary<string, JsonElement> item, Bitrix24MappedField field)
    {
        if (!item.TryGetValue(field.Code, out var value))
        {
            return null;
        }

        if (!field.IsList)
        {
            return String(value);
        }

        var labels = Ids(value).Select(field.Label).ToList();
        return labels.Count == 0 ? null : string.Join(", ", labels);
    }

    private string? MappedOr(IReadOnlyDictionary<string, JsonElement> item, string canonical, Func<string?> fallback) =>
        catalog.Find(canonical) is { } field ? ReadField(item, field) : fallback();

    private void WriteFields(JsonObject fields, IReadOnlyDictionary<string, string?> values, bool clearNulls)
    {
        foreach (var (canonical, value) in values)
        {
            var field = catalog.Find(canonical)
                ?? throw new Bitrix24UnmappedFieldException($"FieldMap has no {canonical}; map it to a Bitrix24 field code (UF_CRM_*) or label.");
            if (value is null)
            {
                if (clearNulls)
                {
                    fields[field.Code] = "";
                }

                continue;
            }

            fields[field.Code] = field.IsList ? ListValue(field, value) : value;
        }
    }

    private static JsonNode ListValue(Bitrix24MappedField field, string value)
    {
        var ids = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(label => field.ItemId(label)
                ?? throw new Bitrix24UnmappedFieldException($"{field.Canonical} ({field.Code}) has no list item '{label}'; allowed: {field.AllowedLabels}."))
            .ToList();
        if (!field.IsMultiple && ids.Count > 1)
        {
            throw new Bitrix24UnmappedFieldException($"{field.Canonical} ({field.Code}) takes one value, got {ids.Count}.");
        }

        return field.IsMultiple ? new JsonArray([.. ids.Select(IdNode)]) : IdNode(ids[0]);
    }

    /// <summary>The first value of a multifield (<c>fm</c> in crm.item, <c>PHONE</c>/<c>EMAIL</c>/<c>WEB</c> arrays in the legacy shape).</summary>
    private static string? Multifield(IReadOnlyDictionary<string, JsonElement> item, string type)
    {
        if (item.TryGetValue("fm", out var fm) && fm.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in fm.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object
                    && entry.TryGetProperty("typeId", out var typeId) && string.Equals(typeId.GetString(), type, StringComparison.OrdinalIgnoreCase)
                    && entry.TryGetProperty("value", out var value) && String(value) is { } text)
                {
                    return text;
                }
            }
        }

        if (item.TryGetValue(type, out var legacy) && legacy.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in legacy.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("VALUE", out var value) && String(value) is { } text)
                {
                    return text;
                }
            }
        }

        return null;
    }

    private static ContactRole RoleOf(string? label)
    {
        var normalized = new string((label ?? "").Where(char.IsLetter).ToArray());
        return Enum.TryParse<ContactRole>(normalized, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role : ContactRole.Unknown;
    }
}
