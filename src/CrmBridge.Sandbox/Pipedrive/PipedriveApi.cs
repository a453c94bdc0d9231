using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>
/// The deals endpoints of API v2 (list, archived list, read, search, create, update, delete) and v1 participants, over
/// <see cref="PipedriveAccount"/>, with v2's strict validation. Callers hold the account's lock.
/// </summary>
internal sealed partial class PipedriveApi(PipedriveAccount account)
{
    public const int MaxLimit = 500;
    public const int MaxIds = 100;
    public const int MaxCustomFieldsFilter = 15;

    private static readonly HashSet<string> DealInputMembers = new(StringComparer.Ordinal)
    {
        "title", "owner_id", "person_id", "org_id", "pipeline_id", "stage_id", "value", "currency", "status", "lost_reason",
        "expected_close_date", "probability", "visible_to", "label_ids", "close_time", "won_time", "lost_time", "custom_fields",
    };

    /// <summary>The user the sandbox's token belongs to: writes are made as them.</summary>
    public long TokenUserId => account.Users[0].Id;

    public SandboxHttpResponse ListDeals(SandboxHttpRequest request, bool archivedList)
    {
        var q = request.Query;
        var limit = Limit(q);
        var statuses = Csv(q, "status");
        foreach (var status in statuses)
        {
            if (status is not ("open" or "won" or "lost" or "deleted"))
            {
                throw PipedriveRequestException.Validation($"Validation failed: status: '{status}' is not one of open, won, lost, deleted");
            }
        }

        var since = TimeParam(q, "updated_since");
        var until = TimeParam(q, "updated_until");
        var sortBy = q["sort_by"] ?? "id";
        if (sortBy is not ("id" or "update_time"))
        {
            throw PipedriveRequestException.Validation($"Validation failed: sort_by: the sandbox sorts by id or update_time, not '{sortBy}'");
        }

        if ((q["sort_direction"] ?? "asc") != "asc")
        {
            throw PipedriveRequestException.Validation("Validation failed: sort_direction: the sandbox sorts ascending only");
        }

        var include = Csv(q, "include_fields").ToHashSet(StringComparer.Ordinal);
        var customFilter = Csv(q, "custom_fields");
        if (customFilter.Count > MaxCustomFieldsFilter)
        {
            throw PipedriveRequestException.Validation($"Validation failed: custom_fields: at most {MaxCustomFieldsFilter} keys");
        }

        var ids = Ids(q);
        var pipelineId = LongParam(q, "pipeline_id");
        var stageId = LongParam(q, "stage_id");
        var ownerId = LongParam(q, "owner_id");
        var cursor = q["cursor"] is { Length: > 0 } c ? PipedriveWire.DecodeCursor(c) : ((string, long, long)?)null;

        bool Matches(PipedriveDealRow d)
        {
            if (archivedList ? !d.IsArchived || d.IsDeleted : !Listed(d, statuses))
            {
                return false;
            }

            return (since is null || d.UpdateTime >= since) && (until is null || d.UpdateTime < until)
                && (pipelineId is null || d.PipelineId == pipelineId) && (stageId is null || d.StageId == stageId)
                && (ownerId is null || d.OwnerId == ownerId);
        }

        IEnumerable<(long Sort, PipedriveDealRow Deal)> candidates;
        if (ids is not null)
        {
            candidates = ids.Order().Select(account.Deal).OfType<PipedriveDealRow>().Select(d => (d.Id, d));
        }
        else if (sortBy == "update_time")
        {
            candidates = ByUpdate(cursor, since);
        }
        else
        {
            candidates = ById(cursor);
        }

        if (ids is not null && cursor is { } idCursor)
        {
            candidates = candidates.Where(x => x.Deal.Id > idCursor.Item3);
        }

        var (page, more) = Take(candidates.Where(x => Matches(x.Deal)), limit);
        var customKeys = customFilter.Count > 0 ? customFilter.ToHashSet(StringComparer.Ordinal) : null;
        return Ok(
            w =>
            {
                w.WriteStartArray();
                foreach (var (_, deal) in page)
                {
                    WriteDeal(w, deal, include, customKeys);
                }

                w.WriteEndArray();
            },
            more && page.Count > 0 ? PipedriveWire.EncodeCursor(sortBy, page[^1].Sort, page[^1].Deal.Id) : null);
    }

    public SandboxHttpResponse GetDeal(SandboxHttpRequest request, string id)
    {
        var deal = FindDeal(id, allowDeleted: true);
        var include = Csv(request.Query, "include_fields").ToHashSet(StringComparer.Ordinal);
        return Ok(w => WriteDeal(w, deal, include, null), null);
    }

    /// <summary>Searches titles and custom field values (text, or an option's label); exact or contained, case-insensitive.</summary>
    public SandboxHttpResponse SearchDeals(SandboxHttpRequest request)
    {
        var q = request.Query;
        var term = q["term"]?.Trim() ?? "";
        var exact = BoolParam(q, "exact_match") ?? false;
        if (term.Length < (exact ? 1 : 2))
        {
            throw PipedriveRequestException.Validation("Validation failed: term: must be at least 2 characters long (1 with exact_match)");
        }

        var fields = Csv(q, "fields") is { Count: > 0 } f ? f.ToHashSet(StringComparer.Ordinal) : ["title", "custom_fields", "notes"];
        var limit = Limit(q);
        var custom = PipedriveSchema.DealFields.Where(x => x.IsCustom).ToList();
        bool Hit(string? text) => text is not null && (exact ? string.Equals(text, term, StringComparison.OrdinalIgnoreCase) : text.Contains(term, StringComparison.OrdinalIgnoreCase));
        bool Found(PipedriveDealRow d) =>
            (fields.Contains("title") && Hit(d.Title))
            || (fields.Contains("custom_fields") && custom.Any(field => d.CustomFields.TryGetValue(field.Key, out var value) && Hit(Display(field, value))));

        var hits = account.Deals.Where(d => !d.IsDeleted && Found(d)).Take(limit).ToList();
        return Ok(
            w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("items");
                foreach (var deal in hits)
                {
                    w.WriteStartObject();
                    w.WriteNumber("result_score", exact ? 1.0 : 0.5);
                    w.WriteStartObject("item");
                    w.WriteNumber("id", deal.Id);
                    w.WriteString("type", "deal");
                    w.WriteString("title", deal.Title);
                    w.WriteNumber("value", deal.Value);
                    w.WriteString("currency", deal.Currency);
                    w.WriteString("status", deal.Status);
                    w.WriteNumber("visible_to", 3);
                    w.WriteStartObject("owner");
                    w.WriteNumber("id", deal.OwnerId);
                    w.WriteEndObject();
                    w.WriteStartObject("stage");
                    w.WriteNumber("id", deal.StageId);
                    w.WriteString("name", account.Stage(deal.StageId)?.Name);
                    w.WriteEndObject();
                    WriteRef(w, "person", deal.PersonId, id => account.Person(id)?.Name);
                    WriteRef(w, "organization", deal.OrgId, id => account.Organization(id)?.Name);
                    w.WriteStartArray("custom_fields");
                    foreach (var field in custom)
                    {
                        if (deal.CustomFields.TryGetValue(field.Key, out var value) && Display(field, value) is { } text)
                        {
                            w.WriteStringValue(text);
                        }
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("notes");
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            },
            null);
    }

    public SandboxHttpResponse CreateDeal(SandboxHttpRequest request)
    {
        using var body = ParseBody(request);
        var change = ReadDealChange(body.RootElement);
        account.Validate(change, current: null);
        var deal = account.CreateDeal(change, TokenUserId);
        return Ok(w => WriteDeal(w, deal, [], null), null, 201);
    }

    public SandboxHttpResponse UpdateDeal(SandboxHttpRequest request, string id)
    {
        var deal = FindDeal(id, allowDeleted: false);
        using var body = ParseBody(request);
        var change = ReadDealChange(body.RootElement);
        account.Validate(change, deal);
        account.UpdateDeal(deal, change);
        return Ok(w => WriteDeal(w, deal, [], null), null);
    }

    public SandboxHttpResponse DeleteDeal(string id)
    {
        var deal = FindDeal(id, allowDeleted: false);
        account.DeleteDeal(deal);
        return Ok(
            w =>
            {
                w.WriteStartObject();
                w.WriteNumber("id", deal.Id);
                w.WriteEndObject();
            },
            null);
    }

    /// <summary>v1 <c>POST /v1/deals/{id}/participants</c>: links a further person (v1 accepts a numeric string too).</summary>
    public SandboxHttpResponse AddParticipant(SandboxHttpRequest request, string id)
    {
        var deal = FindDeal(id, allowDeleted: false);
        using var body = ParseBody(request);
        var personId = body.RootElement.TryGetProperty("person_id", out var p) ? LenientId(p) : null;
        if (personId is null || account.Person(personId.Value) is null)
        {
            throw PipedriveRequestException.Validation("Person not found");
        }

        account.AddParticipant(deal, personId.Value);
        var index = deal.Participants.Count;
        return Ok(
            w =>
            {
                w.WriteStartObject();
                w.WriteNumber("id", (deal.Id * 1000) + index);
                w.WriteNumber("person_id", personId.Value);
                w.WriteString("add_time", PipedriveWire.V1Time(account.Now));
                w.WriteBoolean("active_flag", true);
                w.WriteString("related_item_type", "deal");
                w.WriteNumber("related_item_id", deal.Id);
                w.WriteEndObject();
            },
            null);
    }

    private static bool Listed(PipedriveDealRow deal, List<string> statuses)
    {
        if (deal.IsArchived && !deal.IsDeleted)
        {
            return false;
        }

        if (deal.IsDeleted)
        {
            return statuses.Contains("deleted");
        }

        return statuses.Count == 0 || statuses.Contains(deal.Status);
    }

    private IEnumerable<(long Sort, PipedriveDealRow Deal)> ById((string SortBy, long Value, long Id)? cursor)
    {
        if (cursor is { } c && c.SortBy != "id")
        {
            throw PipedriveRequestException.Validation("Invalid cursor");
        }

        var start = cursor is { } after ? (int)Math.Min(after.Id, account.Deals.Count) : 0;
        for (var i = start; i < account.Deals.Count; i++)
        {
            yield return (account.Deals[i].Id, account.Deals[i]);
        }
    }

    private IEnumerable<(long Sort, PipedriveDealRow Deal)> ByUpdate((string SortBy, long Value, long Id)? cursor, DateTimeOffset? since)
    {
        if (cursor is { } c && c.SortBy != "update_time")
        {
            throw PipedriveRequestException.Validation("Invalid cursor");
        }

        var index = account.DealsByUpdate;
        var from = cursor is { } after ? (after.Value, after.Id + 1) : (since?.UtcTicks ?? long.MinValue, long.MinValue);
        var lo = 0;
        var hi = index.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (index[mid].CompareTo(from) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < index.Count; i++)
        {
            var (ticks, id) = index[i];
            yield return (ticks, account.Deal(id)!);
        }
    }

    private static (List<T> Page, bool More) Take<T>(IEnumerable<T> source, int limit)
    {
        var page = new List<T>(Math.Min(limit, 512));
        foreach (var item in source)
        {
            if (page.Count == limit)
            {
                return (page, true);
            }

            page.Add(item);
        }

        return (page, false);
    }

    private PipedriveDealRow FindDeal(string id, bool allowDeleted) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && account.Deal(value) is { } deal && (allowDeleted || !deal.IsDeleted)
            ? deal
            : throw PipedriveRequestException.NotFound("Deal not found");

    private PipedriveDealChange ReadDealChange(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw PipedriveRequestException.Validation("Validation failed: body must be an object");
        }

        var change = new PipedriveDealChange();
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (!DealInputMembers.Contains(name))
            {
                throw PipedriveRequestException.Validation($"Validation failed: must NOT have additional properties: '{name}'");
            }

            switch (name)
            {
                case "title" or "currency" or "status" or "lost_reason":
                    change.Standard[name] = value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString(),
                        JsonValueKind.Null => null,
                        _ => throw PipedriveRequestException.Validation($"Validation failed: {name}: must be string"),
                    };
                    break;
                case "owner_id" or "person_id" or "org_id" or "pipeline_id" or "stage_id":
                    change.Standard[name] = value.ValueKind switch
                    {
                        JsonValueKind.Number when value.TryGetInt64(out var id) => id,
                        JsonValueKind.Null when name is "person_id" or "org_id" => null,
                        _ => throw PipedriveRequestException.Validation($"Validation failed: {name}: must be integer"),
                    };
                    break;
                case "value":
                    change.Standard[name] = value.ValueKind switch
                    {
                        JsonValueKind.Number => value.GetDecimal(),
                        JsonValueKind.Null => null,
                        _ => throw PipedriveRequestException.Validation("Validation failed: value: must be number"),
                    };
                    break;
                case "custom_fields":
                    ReadCustomFields(value, change);
                    break;
            }
        }

        return change;
    }

    private static void ReadCustomFields(JsonElement value, PipedriveDealChange change)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw PipedriveRequestException.Validation("Validation failed: custom_fields: must be object");
        }

        foreach (var entry in value.EnumerateObject())
        {
            var field = PipedriveSchema.DealFields.FirstOrDefault(f => f.IsCustom && f.Key == entry.Name)
                ?? throw PipedriveRequestException.Validation($"Validation failed: custom_fields: unknown field key '{entry.Name}'");
            var v = entry.Value;
            change.Custom[field.Key] = v.ValueKind == JsonValueKind.Null ? null : field.FieldType switch
            {
                "enum" when v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var id) && field.Option(id) is not null => id,
                "enum" => throw PipedriveRequestException.Validation($"Validation failed: custom_fields.{field.Key}: must be one of the option ids {string.Join(", ", field.Options.Select(o => o.Id))}"),
                "set" when v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(i => i.TryGetInt64(out var o) && field.Option(o) is not null) =>
                    v.EnumerateArray().Select(i => i.GetInt64()).ToList(),
                "set" => throw PipedriveRequestException.Validation($"Validation failed: custom_fields.{field.Key}: must be an array of option ids"),
                "double" or "monetary" when v.ValueKind == JsonValueKind.Number => v.GetDecimal(),
                "double" or "monetary" => throw PipedriveRequestException.Validation($"Validation failed: custom_fields.{field.Key}: must be number"),
                _ when v.ValueKind == JsonValueKind.String => v.GetString(),
                _ => throw PipedriveRequestException.Validation($"Validation failed: custom_fields.{field.Key}: must be string"),
            };
        }
    }

    /// <summary>How a custom value reads to a person: text as is, an option id as its label.</summary>
    private static string? Display(PipedriveFieldRow field, object? value) => value switch
    {
        null => null,
        long id when field.Options.Count > 0 => field.Option(id)?.Label,
        IEnumerable<long> ids => string.Join(", ", ids.Select(i => field.Option(i)?.Label)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static void WriteRef(Utf8JsonWriter w, string name, long? id, Func<long, string?> label)
    {
        if (id is not { } value)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("id", value);
        PipedriveWire.StringOrNull(w, "name", label(value));
        w.WriteEndObject();
    }

    private void WriteDeal(Utf8JsonWriter w, PipedriveDealRow d, HashSet<string> include, HashSet<string>? customKeys)
    {
        w.WriteStartObject();
        w.WriteNumber("id", d.Id);
        w.WriteString("title", d.Title);
        w.WriteNumber("creator_user_id", d.CreatorUserId);
        w.WriteNumber("owner_id", d.OwnerId);
        w.WriteNumber("value", d.Value);
        PipedriveWire.NumberOrNull(w, "person_id", d.PersonId);
        PipedriveWire.NumberOrNull(w, "org_id", d.OrgId);
        w.WriteNumber("stage_id", d.StageId);
        w.WriteNumber("pipeline_id", d.PipelineId);
        w.WriteString("currency", d.Currency);
        PipedriveWire.TimeOrNull(w, "archive_time", d.ArchivedAt);
        w.WriteString("add_time", PipedriveWire.Time(d.AddTime));
        w.WriteString("update_time", PipedriveWire.Time(d.UpdateTime));
        PipedriveWire.TimeOrNull(w, "stage_change_time", d.StageChangeTime);
        w.WriteString("status", d.Status);
        w.WriteBoolean("is_archived", d.IsArchived);
        w.WriteBoolean("is_deleted", d.IsDeleted);
        w.WriteNull("probability");
        PipedriveWire.StringOrNull(w, "lost_reason", d.LostReason);
        w.WriteNumber("visible_to", 3);
        PipedriveWire.TimeOrNull(w, "close_time", d.CloseTime);
        PipedriveWire.TimeOrNull(w, "won_time", d.WonTime);
        PipedriveWire.TimeOrNull(w, "lost_time", d.LostTime);
        w.WriteNull("expected_close_date");
        w.WriteStartArray("label_ids");
        w.WriteEndArray();
        w.WriteString("origin", d.Origin);
        w.WriteNull("origin_id");
        w.WriteNull("channel");
        w.WriteNull("channel_id");
        if (include.Contains("next_activity_id"))
        {
            PipedriveWire.NumberOrNull(w, "next_activity_id", d.NextActivityId);
        }

        if (include.Contains("last_activity_id"))
        {
            PipedriveWire.NumberOrNull(w, "last_activity_id", d.LastActivityId);
        }

        if (include.Contains("participants_count"))
        {
            w.WriteNumber("participants_count", d.LinkedPersons.Count());
        }

        if (include.Contains("activities_count"))
        {
            w.WriteNumber("activities_count", account.ActivitiesOf(d.Id).Count);
        }

        w.WriteStartObject("custom_fields");
        foreach (var (key, value) in d.CustomFields)
        {
            if (customKeys is null || customKeys.Contains(key))
            {
                PipedriveWire.Value(w, key, value);
            }
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
