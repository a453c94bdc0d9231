using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Adapters.Pipedrive.Mapping;
using CrmBridge.Adapters.Pipedrive.Models;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Pipedrive;

/// <summary>
/// The one place where Pipedrive's wire shapes meet the common model, in both directions. Custom fields are resolved
/// through <see cref="PipedriveFieldSet"/>: the connection maps canonical names to field names, never to hashes.
/// </summary>
internal sealed class PipedriveMapper(string connection)
{
    private static readonly HashSet<string> CompanyMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        CanonicalFields.CompanyName, CanonicalFields.CompanyWebsite, CanonicalFields.CompanyInn,
        CanonicalFields.CompanyIndustry, CanonicalFields.CompanyPhone,
    };

    private static readonly HashSet<string> ContactMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        CanonicalFields.ContactEmail, CanonicalFields.ContactPhone, CanonicalFields.ContactPosition, CanonicalFields.ContactRole,
    };

    /// <summary>Won and lost are the deal's status; its stage stays the one it was in when it closed.</summary>
    public PipedriveDealMapResult MapDeal(PipedriveDeal deal, PipedriveFieldSet fields, PipedriveDealExtras extras)
    {
        if (deal.PipelineId is not { } pipelineId)
        {
            return Skip("pipeline_id is missing");
        }

        if (deal.StageId is not { } stageId)
        {
            return Skip("stage_id is missing");
        }

        var times = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var (name, text) in new[]
        {
            ("add_time", deal.AddTime), ("update_time", deal.UpdateTime), ("stage_change_time", deal.StageChangeTime),
            ("close_time", deal.CloseTime), ("won_time", deal.WonTime), ("lost_time", deal.LostTime),
        })
        {
            if (!PipedriveValues.TryParseTime(text, out var time))
            {
                return Skip($"{name} '{text}' is not a time");
            }

            times[name] = time;
        }

        if (times["add_time"] is not { } createdAt)
        {
            return Skip("add_time is missing");
        }

        var status = StatusOf(deal.Status);
        var closedAt = status switch
        {
            DealStatus.Won => times["won_time"] ?? times["close_time"],
            DealStatus.Lost => times["lost_time"] ?? times["close_time"],
            _ => null,
        };
        var contactIds = extras.ContactIds
            ?? (deal.PersonId is { } personId ? [PipedriveValues.FormatId(personId)] : []);
        var mapped = new Deal
        {
            Connection = connection,
            ExternalId = PipedriveValues.FormatId(deal.Id),
            Name = deal.Title ?? "",
            PipelineId = PipedriveValues.FormatId(pipelineId),
            StageId = PipedriveValues.FormatId(stageId),

            // Pipedrive stores 0 for a deal nobody gave a value.
            Amount = deal.Value is { } value && value != 0m ? value : null,
            Currency = PipedriveValues.NullIfEmpty(deal.Currency),
            OwnerId = PipedriveValues.FormatId(deal.OwnerId),
            CompanyId = PipedriveValues.FormatId(deal.OrgId),
            ContactIds = contactIds,
            CreatedAt = createdAt,
            UpdatedAt = times["update_time"] ?? createdAt,

            // A deal that never moved entered its stage when it was created.
            StageEnteredAt = times["stage_change_time"] ?? createdAt,
            LastActivityAt = extras.LastActivityAt,
            NextActivityAt = extras.NextActivityAt,
            Status = status,
            ClosedAt = closedAt,
            LostReason = PipedriveValues.NullIfEmpty(deal.LostReason),
            Fields = ReadFields(deal.CustomFields, fields, exclude: null),
        };
        return new PipedriveDealMapResult(mapped, null);

        static PipedriveDealMapResult Skip(string reason) => new(null, reason);
    }

    public Company MapCompany(PipedriveOrganization organization, PipedriveFieldSet fields)
    {
        PipedriveValues.TryParseTime(organization.UpdateTime, out var updatedAt);
        var values = organization.CustomFields;
        return new Company
        {
            Connection = connection,
            ExternalId = PipedriveValues.FormatId(organization.Id),
            Name = organization.Name ?? "",
            Website = ReadField(values, fields, CanonicalFields.CompanyWebsite),
            Inn = ReadField(values, fields, CanonicalFields.CompanyInn),
            Industry = ReadField(values, fields, CanonicalFields.CompanyIndustry),
            Phone = ReadField(values, fields, CanonicalFields.CompanyPhone),
            UpdatedAt = updatedAt,
            Fields = ReadFields(values, fields, CompanyMembers),
        };
    }

    public Contact MapContact(PipedrivePerson person, PipedriveFieldSet fields)
    {
        PipedriveValues.TryParseTime(person.UpdateTime, out var updatedAt);
        var values = person.CustomFields;
        var name = PipedriveValues.NullIfEmpty(person.Name) ?? $"{person.FirstName} {person.LastName}".Trim();
        var email = Primary(person.Emails);
        return new Contact
        {
            Connection = connection,
            ExternalId = PipedriveValues.FormatId(person.Id),
            FullName = name.Length > 0 ? name : email ?? "",
            Position = ReadField(values, fields, CanonicalFields.ContactPosition) ?? PipedriveValues.NullIfEmpty(person.JobTitle),
            Role = RoleOf(ReadField(values, fields, CanonicalFields.ContactRole)),
            Email = email,
            Phone = ReadField(values, fields, CanonicalFields.ContactPhone) ?? Primary(person.Phones),
            CompanyId = PipedriveValues.FormatId(person.OrgId),
            UpdatedAt = updatedAt,
            Fields = ReadFields(values, fields, ContactMembers),
        };
    }

    /// <summary>Every stage is Open: a Pipedrive pipeline has no won or lost stages.</summary>
    public Pipeline MapPipeline(PipedrivePipeline pipeline, IEnumerable<PipedriveStage> stages)
    {
        var id = PipedriveValues.FormatId(pipeline.Id);
        return new Pipeline(
            connection,
            id,
            pipeline.Name ?? id,
            pipeline.OrderNr,
            [
                .. stages.Where(s => s.PipelineId == pipeline.Id && !s.IsDeleted).OrderBy(s => s.OrderNr).ThenBy(s => s.Id)
                    .Select(s => new Stage(PipedriveValues.FormatId(s.Id), id, s.Name ?? PipedriveValues.FormatId(s.Id), s.OrderNr, StageOutcome.Open)),
            ]);
    }

    public Owner MapOwner(PipedriveUser user) => new(
        connection,
        PipedriveValues.FormatId(user.Id),
        PipedriveValues.NullIfEmpty(user.Name) ?? user.Email ?? PipedriveValues.FormatId(user.Id),
        PipedriveValues.NullIfEmpty(user.Email));

    public static FieldDefinition MapFieldDefinition(string entity, PipedriveField field) => new(
        entity,
        field.Key,
        field.Name ?? field.Key,
        field.FieldType ?? "varchar",
        PipedriveFieldSet.IsCustom(field),
        [.. (field.Options ?? []).Select(o => new FieldOption(PipedriveValues.FormatId(o.Id), o.Label ?? PipedriveValues.FormatId(o.Id)))]);

    /// <summary>The create body: pipeline, stage, value, owner, organization, the first contact as the deal's person, custom fields and the marker.</summary>
    /// <exception cref="PipedriveFieldMapException">A field or value cannot be mapped.</exception>
    public static PipedriveDealInput ToInput(NewDeal deal, PipedriveFieldSet fields)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var custom = WriteFields(deal.Fields, fields, clearNulls: false);
        if (deal.Marker is not null)
        {
            var marker = fields.Require(CanonicalFields.DealMarker);
            custom[marker.Key] = JsonValue.Create(deal.Marker);
        }

        return new PipedriveDealInput
        {
            Title = deal.Name,
            PipelineId = Id(deal.PipelineId, "pipeline"),
            StageId = Id(deal.StageId, "stage"),
            Value = deal.Amount,
            Currency = deal.Currency,
            OwnerId = OptionalId(deal.OwnerId, "owner"),
            OrgId = OptionalId(deal.CompanyId, "company"),
            PersonId = deal.ContactIds.Count > 0 ? Id(deal.ContactIds[0], "contact") : null,
            CustomFields = custom.Count > 0 ? custom : null,
        };
    }

    /// <summary>The PATCH body of a change: only what it sets; a null custom field clears it.</summary>
    public static PipedriveDealInput ToInput(DealUpdate update, PipedriveFieldSet fields)
    {
        ArgumentNullException.ThrowIfNull(update);
        var custom = WriteFields(update.Fields, fields, clearNulls: true);
        return new PipedriveDealInput
        {
            Title = update.Name,
            PipelineId = OptionalId(update.PipelineId, "pipeline"),
            StageId = OptionalId(update.StageId, "stage"),
            CustomFields = custom.Count > 0 ? custom : null,
        };
    }

    public static DealStatus StatusOf(string? status) => status?.ToLowerInvariant() switch
    {
        "won" => DealStatus.Won,
        "lost" => DealStatus.Lost,
        _ => DealStatus.Open,
    };

    /// <summary>A role label ("Decision maker", "decision_maker", "DecisionMaker") as a <see cref="ContactRole"/>.</summary>
    public static ContactRole RoleOf(string? label)
    {
        foreach (var part in (label ?? "").Split(PipedriveFieldValues.SetSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var compact = new string([.. part.Where(char.IsLetter)]);
            if (Enum.TryParse<ContactRole>(compact, ignoreCase: true, out var role) && role != ContactRole.Unknown)
            {
                return role;
            }
        }

        return ContactRole.Unknown;
    }

    private static Dictionary<string, JsonNode?> WriteFields(IReadOnlyDictionary<string, string?> values, PipedriveFieldSet fields, bool clearNulls)
    {
        var custom = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (canonical, value) in values)
        {
            var field = fields.Require(canonical);
            if (!PipedriveFieldSet.IsCustom(field))
            {
                throw new PipedriveFieldMapException(canonical, $"maps to Pipedrive's own field '{field.Key}', which CrmBridge writes only through the deal's members");
            }

            if (value is not null || clearNulls)
            {
                custom[field.Key] = PipedriveFieldValues.Write(canonical, field, value);
            }
        }

        return custom;
    }

    private static Dictionary<string, string?> ReadFields(Dictionary<string, JsonElement>? values, PipedriveFieldSet fields, HashSet<string>? exclude)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (canonical, field) in fields.Bound)
        {
            if (exclude is not null && exclude.Contains(canonical))
            {
                continue;
            }

            if (values is not null && values.TryGetValue(field.Key, out var value))
            {
                result[canonical] = PipedriveFieldValues.Read(field, value);
            }
            else if (PipedriveFieldSet.IsCustom(field))
            {
                result[canonical] = null;
            }
        }

        return result;
    }

    private static string? ReadField(Dictionary<string, JsonElement>? values, PipedriveFieldSet fields, string canonical) =>
        fields.Find(canonical) is { } field && values is not null && values.TryGetValue(field.Key, out var value)
            ? PipedriveValues.NullIfEmpty(PipedriveFieldValues.Read(field, value))
            : null;

    private static string? Primary(List<PipedriveContactValue>? values) =>
        PipedriveValues.NullIfEmpty((values?.FirstOrDefault(v => v.Primary) ?? values?.FirstOrDefault())?.Value);

    private static long Id(string text, string what) =>
        PipedriveValues.TryParseId(text, out var id) ? id : throw new PipedriveFieldMapException(what, $"id '{text}' is not a Pipedrive id");

    private static long? OptionalId(string? text, string what) => string.IsNullOrEmpty(text) ? null : Id(text, what);
}
