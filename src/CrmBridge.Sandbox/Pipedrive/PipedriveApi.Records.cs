using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>Everything but deals: pipelines, stages, organizations, persons and activities (v2); users, fields and notes (v1).</summary>
internal sealed partial class PipedriveApi
{
    public SandboxHttpResponse Pipelines(SandboxHttpRequest request) =>
        PageById(request, account.Pipelines, p => p.Id, _ => true, (w, p) =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", p.Id);
            w.WriteString("name", p.Name);
            w.WriteNumber("order_nr", p.OrderNr);
            w.WriteBoolean("is_deleted", false);
            w.WriteBoolean("is_deal_probability_enabled", true);
            w.WriteString("add_time", PipedriveWire.Time(account.Users[0].CreatedAt));
            w.WriteString("update_time", PipedriveWire.Time(account.Users[0].CreatedAt));
            w.WriteEndObject();
        });

    public SandboxHttpResponse Stages(SandboxHttpRequest request)
    {
        var pipelineId = LongParam(request.Query, "pipeline_id");
        return PageById(request, account.Stages, s => s.Id, s => pipelineId is null || s.PipelineId == pipelineId, (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", s.Id);
            w.WriteNumber("order_nr", s.OrderNr);
            w.WriteString("name", s.Name);
            w.WriteBoolean("is_deleted", false);
            w.WriteNumber("deal_probability", s.Probability);
            w.WriteNumber("pipeline_id", s.PipelineId);
            w.WriteBoolean("is_deal_rot_enabled", true);
            w.WriteNumber("days_to_rotten", 30);
            w.WriteString("add_time", PipedriveWire.Time(account.Users[0].CreatedAt));
            w.WriteString("update_time", PipedriveWire.Time(account.Users[0].CreatedAt));
            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse Organizations(SandboxHttpRequest request)
    {
        var since = TimeParam(request.Query, "updated_since");
        return PageById(request, account.Organizations, o => o.Id, o => since is null || o.UpdateTime >= since, (w, o) =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", o.Id);
            w.WriteString("name", o.Name);
            PipedriveWire.NumberOrNull(w, "owner_id", o.OwnerId);
            w.WriteString("add_time", PipedriveWire.Time(o.AddTime));
            w.WriteString("update_time", PipedriveWire.Time(o.UpdateTime));
            w.WriteBoolean("is_deleted", false);
            w.WriteNumber("visible_to", 3);
            w.WriteStartArray("label_ids");
            w.WriteEndArray();
            w.WriteNull("address");
            WriteCustom(w, o.CustomFields);
            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse Persons(SandboxHttpRequest request)
    {
        var q = request.Query;
        var since = TimeParam(q, "updated_since");
        var orgId = LongParam(q, "org_id");
        HashSet<long>? linked = null;
        if (LongParam(q, "deal_id") is { } dealId)
        {
            var deal = account.Deal(dealId) ?? throw PipedriveRequestException.NotFound("Deal not found");
            linked = [.. deal.LinkedPersons];
        }

        return PageById(
            request,
            account.Persons,
            p => p.Id,
            p => (since is null || p.UpdateTime >= since) && (orgId is null || p.OrgId == orgId) && (linked is null || linked.Contains(p.Id)),
            (w, p) =>
            {
                w.WriteStartObject();
                w.WriteNumber("id", p.Id);
                w.WriteString("name", p.Name);
                w.WriteString("first_name", p.FirstName);
                w.WriteString("last_name", p.LastName);
                PipedriveWire.NumberOrNull(w, "owner_id", p.OwnerId);
                PipedriveWire.NumberOrNull(w, "org_id", p.OrgId);
                w.WriteString("add_time", PipedriveWire.Time(p.AddTime));
                w.WriteString("update_time", PipedriveWire.Time(p.UpdateTime));
                WriteContactValues(w, "emails", p.Email, "work");
                WriteContactValues(w, "phones", p.Phone, "work");
                w.WriteBoolean("is_deleted", false);
                w.WriteNumber("visible_to", 3);
                w.WriteStartArray("label_ids");
                w.WriteEndArray();
                w.WriteNull("picture_id");
                PipedriveWire.StringOrNull(w, "job_title", p.JobTitle);
                WriteCustom(w, p.CustomFields);
                w.WriteEndObject();
            });
    }

    public SandboxHttpResponse Activities(SandboxHttpRequest request)
    {
        var dealId = LongParam(request.Query, "deal_id");
        return PageById(request, account.Activities, a => a.Id, a => dealId is null || a.DealId == dealId, WriteActivity);
    }

    public SandboxHttpResponse CreateActivity(SandboxHttpRequest request)
    {
        using var body = ParseBody(request);
        var root = body.RootElement;
        var subject = StrictString(root, "subject", required: true)!;
        var type = StrictString(root, "type", required: false) ?? "task";
        var ownerId = StrictId(root, "owner_id");
        var dealId = StrictId(root, "deal_id");
        var dueDate = StrictString(root, "due_date", required: false);
        var dueTime = StrictString(root, "due_time", required: false);
        var note = StrictString(root, "note", required: false);
        var done = root.TryGetProperty("done", out var d) && d.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw PipedriveRequestException.Validation("Validation failed: done: must be boolean"),
        };
        if (ownerId is { } owner && account.User(owner) is null)
        {
            throw PipedriveRequestException.Validation($"Validation failed: owner_id {owner} is not a user of this company");
        }

        if (dealId is { } deal && (account.Deal(deal) is not { IsDeleted: false }))
        {
            throw PipedriveRequestException.Validation($"Validation failed: deal_id {deal}: deal not found");
        }

        if (!DateOnly.TryParseExact(dueDate ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw PipedriveRequestException.Validation("Validation failed: due_date: must be YYYY-MM-DD");
        }

        var time = TimeOnly.MinValue;
        if (dueTime is not null && !TimeOnly.TryParseExact(dueTime, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            throw PipedriveRequestException.Validation("Validation failed: due_time: must be HH:MM");
        }

        var now = account.Now;
        var activity = account.AddActivity(new PipedriveActivityRow
        {
            Id = account.NextActivityId,
            Subject = subject,
            Type = type,
            OwnerId = ownerId ?? TokenUserId,
            DealId = dealId,
            DueAt = new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero),
            HasDueTime = dueTime is not null,
            Done = done,
            MarkedAsDoneTime = done ? now : null,
            Note = note,
            AddTime = now,
        });
        return Ok(w => WriteActivity(w, activity), null, 201);
    }

    /// <summary>v1 users: one list, no paging.</summary>
    public SandboxHttpResponse Users() =>
        new(200, PipedriveWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteStartArray("data");
            foreach (var user in account.Users)
            {
                w.WriteStartObject();
                w.WriteNumber("id", user.Id);
                w.WriteString("name", user.Name);
                w.WriteString("default_currency", "RUB");
                w.WriteString("locale", "ru_RU");
                w.WriteNumber("lang", 1);
                w.WriteString("email", user.Email);
                w.WriteNull("phone");
                w.WriteBoolean("activated", true);
                w.WriteString("created", PipedriveWire.V1Time(user.CreatedAt));
                w.WriteBoolean("has_created_company", user.Id == account.Users[0].Id);
                w.WriteBoolean("active_flag", true);
                w.WriteString("timezone_name", "Europe/Moscow");
                w.WriteBoolean("is_you", user.Id == account.Users[0].Id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));

    /// <summary>v1 field definitions, offset-paged by <c>start</c> and <c>limit</c>.</summary>
    public SandboxHttpResponse Fields(SandboxHttpRequest request, string entity)
    {
        var fields = entity switch
        {
            "dealFields" => PipedriveSchema.DealFields,
            "organizationFields" => PipedriveSchema.OrganizationFields,
            "personFields" => PipedriveSchema.PersonFields,
            _ => throw PipedriveRequestException.NotFound($"Unknown endpoint /v1/{entity}"),
        };
        var start = (int)(LongParam(request.Query, "start") ?? 0);
        var limit = Limit(request.Query);
        var page = fields.Skip(start).Take(limit).ToList();
        var more = start + page.Count < fields.Count;
        return new(200, PipedriveWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteStartArray("data");
            for (var i = 0; i < page.Count; i++)
            {
                var f = page[i];
                w.WriteStartObject();
                w.WriteNumber("id", f.Id);
                w.WriteString("key", f.Key);
                w.WriteString("name", f.Name);
                w.WriteNumber("order_nr", start + i);
                w.WriteString("field_type", f.FieldType);
                w.WriteBoolean("active_flag", true);
                w.WriteBoolean("edit_flag", f.IsCustom);
                w.WriteBoolean("mandatory_flag", f.Key is "title" or "name");
                if (f.Options.Count > 0)
                {
                    w.WriteStartArray("options");
                    foreach (var option in f.Options)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("id", option.Id);
                        w.WriteString("label", option.Label);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteOffsetPagination(w, start, limit, page.Count, more);
            w.WriteEndObject();
        }));
    }

    /// <summary>v1 <c>POST /v1/notes</c>: v1 still coerces a numeric string id.</summary>
    public SandboxHttpResponse CreateNote(SandboxHttpRequest request)
    {
        using var body = ParseBody(request);
        var root = body.RootElement;
        var content = root.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (string.IsNullOrWhiteSpace(content))
        {
            throw PipedriveRequestException.Validation("Note content is required");
        }

        var dealId = root.TryGetProperty("deal_id", out var d) ? LenientId(d) : null;
        if (dealId is null || account.Deal(dealId.Value) is not { IsDeleted: false })
        {
            throw PipedriveRequestException.Validation("Deal not found");
        }

        var note = account.AddNote(dealId.Value, TokenUserId, content);
        return new(200, PipedriveWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WritePropertyName("data");
            WriteNote(w, note);
            w.WriteEndObject();
        }));
    }

    private void WriteActivity(Utf8JsonWriter w, PipedriveActivityRow a)
    {
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        w.WriteString("subject", a.Subject);
        w.WriteString("type", a.Type);
        PipedriveWire.NumberOrNull(w, "owner_id", a.OwnerId);
        PipedriveWire.NumberOrNull(w, "creator_user_id", a.OwnerId);
        w.WriteBoolean("is_deleted", false);
        w.WriteString("add_time", PipedriveWire.Time(a.AddTime));
        w.WriteString("update_time", PipedriveWire.Time(a.MarkedAsDoneTime ?? a.AddTime));
        PipedriveWire.NumberOrNull(w, "deal_id", a.DealId);
        w.WriteString("due_date", PipedriveWire.Date(a.DueAt));
        if (a.HasDueTime)
        {
            w.WriteString("due_time", PipedriveWire.TimeOfDay(a.DueAt));
        }
        else
        {
            w.WriteNull("due_time");
        }

        w.WriteNull("duration");
        w.WriteBoolean("busy", false);
        w.WriteBoolean("done", a.Done);
        PipedriveWire.TimeOrNull(w, "marked_as_done_time", a.MarkedAsDoneTime);
        PipedriveWire.StringOrNull(w, "note", a.Note);
        w.WriteEndObject();
    }

    private static void WriteContactValues(Utf8JsonWriter w, string name, string? value, string label)
    {
        w.WriteStartArray(name);
        if (value is not null)
        {
            w.WriteStartObject();
            w.WriteString("value", value);
            w.WriteBoolean("primary", true);
            w.WriteString("label", label);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCustom(Utf8JsonWriter w, Dictionary<string, object?> values)
    {
        w.WriteStartObject("custom_fields");
        foreach (var (key, value) in values)
        {
            PipedriveWire.Value(w, key, value);
        }

        w.WriteEndObject();
    }

    /// <summary>A v2 list of records with dense ids: by <c>ids</c> (at most 100), or paged by id with a cursor.</summary>
    private static SandboxHttpResponse PageById<T>(
        SandboxHttpRequest request, IReadOnlyList<T> rows, Func<T, long> idOf, Func<T, bool> filter, Action<Utf8JsonWriter, T> write)
    {
        var limit = Limit(request.Query);
        var ids = Ids(request.Query);
        var cursor = request.Query["cursor"] is { Length: > 0 } c ? PipedriveWire.DecodeCursor(c).Id : 0;
        IEnumerable<T> candidates = ids is not null
            ? ids.Order().Where(id => id >= 1 && id <= rows.Count).Select(id => rows[(int)id - 1])
            : rows.Skip((int)Math.Min(cursor, rows.Count));
        var (page, more) = Take(candidates.Where(r => idOf(r) > cursor && filter(r)), limit);
        return Ok(
            w =>
            {
                w.WriteStartArray();
                foreach (var row in page)
                {
                    write(w, row);
                }

                w.WriteEndArray();
            },
            more && page.Count > 0 ? PipedriveWire.EncodeCursor("id", idOf(page[^1]), idOf(page[^1])) : null);
    }

    private static SandboxHttpResponse Ok(Action<Utf8JsonWriter> data, string? nextCursor, int status = 200) =>
        new(status, PipedriveWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WritePropertyName("data");
            data(w);
            w.WriteStartObject("additional_data");
            PipedriveWire.StringOrNull(w, "next_cursor", nextCursor);
            w.WriteEndObject();
            w.WriteEndObject();
        }));

    private static int Limit(NameValueCollection query)
    {
        if (query["limit"] is not { Length: > 0 } text)
        {
            return 100;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw PipedriveRequestException.Validation($"Validation failed: limit: Parameter 'limit' must be between 1 and {MaxLimit}");
    }

    private static List<string> Csv(NameValueCollection query, string name) =>
        query[name] is { Length: > 0 } text ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [];

    private static List<long>? Ids(NameValueCollection query)
    {
        var parts = Csv(query, "ids");
        if (parts.Count == 0)
        {
            return null;
        }

        if (parts.Count > MaxIds)
        {
            throw PipedriveRequestException.Validation($"Validation failed: ids: at most {MaxIds} ids");
        }

        return
        [
            .. parts.Select(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw PipedriveRequestException.Validation($"Validation failed: ids: '{p}' is not an integer")),
        ];
    }

    private static long? LongParam(NameValueCollection query, string name) =>
        query[name] is not { Length: > 0 } text ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw PipedriveRequestException.Validation($"Validation failed: {name}: must be integer");

    private static bool? BoolParam(NameValueCollection query, string name) => query[name] switch
    {
        null or "" => null,
        "true" => true,
        "false" => false,
        var other => throw PipedriveRequestException.Validation($"Validation failed: {name}: must be boolean (true or false), not '{other}'"),
    };

    /// <summary>An RFC 3339 time parameter; v2 rejects anything else.</summary>
    private static DateTimeOffset? TimeParam(NameValueCollection query, string name)
    {
        if (query[name] is not { Length: > 0 } text)
        {
            return null;
        }

        return text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw PipedriveRequestException.Validation($"Validation failed: {name}: must be an RFC 3339 date-time, e.g. 2025-01-15T10:20:00Z");
    }

    private static string? StrictString(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw PipedriveRequestException.Validation($"Validation failed: {name} is required") : null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw PipedriveRequestException.Validation($"Validation failed: {name}: must be string");
    }

    private static long? StrictId(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) ? id
        : throw PipedriveRequestException.Validation($"Validation failed: {name}: must be integer");

    private static long? LenientId(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var id) => id,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
        _ => null,
    };

    private static JsonDocument ParseBody(SandboxHttpRequest request)
    {
        try
        {
            return JsonDocument.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body);
        }
        catch (JsonException ex)
        {
            throw PipedriveRequestException.Validation($"Invalid JSON body: {ex.Message}");
        }
    }

    /// <summary>API v1's offset paging: <c>additional_data.pagination</c> with <c>next_start</c> while more remain.</summary>
    private static void WriteOffsetPagination(Utf8JsonWriter w, int start, int limit, int count, bool more)
    {
        w.WriteStartObject("additional_data");
        w.WriteStartObject("pagination");
        w.WriteNumber("start", start);
        w.WriteNumber("limit", limit);
        w.WriteBoolean("more_items_in_collection", more);
        if (more)
        {
            w.WriteNumber("next_start", start + count);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
