using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>The amoCRM API v4 endpoints over <see cref="AmoCrmAccount"/>, in HAL JSON. Callers hold the account's lock.</summary>
internal sealed partial class AmoCrmApi(AmoCrmAccount account, Uri baseUrl)
{
    public const int MaxLimit = 250;
    public const int MaxEventLimit = 100;
    public const int MaxCustomFieldLimit = 50;
    public const int MaxEventEntityIds = 10;

    private (string Key, long Version, List<AmoCrmEventRecord> Events)? eventQueryCache;

    public SandboxHttpResponse Leads(SandboxHttpRequest request)
    {
        var q = request.Query;
        var (page, limit) = Paging(q, 50, MaxLimit);
        var with = Csv(q["with"]);
        var deleted = with.Contains("only_deleted");
        var from = Long(q, "filter[updated_at][from]");
        var to = Long(q, "filter[updated_at][to]");
        var ids = Ids(q, "filter[id]");
        IEnumerable<AmoCrmLeadRecord> leads;
        if (ids is not null)
        {
            leads = ids.Distinct().Order().Select(account.FindLead).OfType<AmoCrmLeadRecord>().Where(l => l.IsDeleted == deleted)
                .Where(l => (from is null || l.UpdatedAt >= from) && (to is null || l.UpdatedAt <= to));
        }
        else if (q["order[updated_at]"] is { } order || from is not null || to is not null || deleted)
        {
            leads = account.LeadsByUpdated(from, to, deleted);
            if (string.Equals(q["order[updated_at]"], "desc", StringComparison.OrdinalIgnoreCase))
            {
                leads = leads.Reverse();
            }
        }
        else
        {
            leads = account.LiveLeadsById;
        }

        if (q["query"] is { Length: > 0 } text)
        {
            leads = leads.Where(l => Matches(l, text));
        }

        var items = leads.Skip((page - 1) * limit).Take(limit + 1).ToList();
        if (items.Count == 0)
        {
            return NoContent();
        }

        var withContacts = with.Contains("contacts");
        var withLossReason = with.Contains("loss_reason");
        return List("leads", request, page, limit, items.Count > limit, w =>
        {
            foreach (var lead in items.Take(limit))
            {
                WriteLead(w, lead, withContacts, withLossReason);
            }
        });
    }

    public SandboxHttpResponse Lead(SandboxHttpRequest request, long id)
    {
        var lead = account.FindLiveLead(id) ?? throw new AmoCrmRequestException(AmoCrmErrors.NotFound($"Lead {id} not found"));
        var with = Csv(request.Query["with"]);
        return Ok(w => WriteLead(w, lead, with.Contains("contacts"), with.Contains("loss_reason")));
    }

    public SandboxHttpResponse CreateLeads(SandboxHttpRequest request)
    {
        using var body = ParseBody(request);
        if (body.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new AmoCrmRequestException(AmoCrmErrors.BadRequest("The body must be an array of leads."));
        }

        var items = body.RootElement.EnumerateArray().ToList();
        var plans = items.Select((item, i) => PlanCreate(item, i)).ToList();
        var created = plans.Select(plan => plan()).ToList();
        return Ok(w =>
        {
            w.WriteStartObject();
            AmoCrmJson.WriteSelfLink(w, Href("api/v4/leads"));
            w.WriteStartObject("_embedded");
            w.WriteStartArray("leads");
            for (var i = 0; i < created.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", created[i].Id);
                w.WriteString("request_id", i.ToString(CultureInfo.InvariantCulture));
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/{created[i].Id}"));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse UpdateLead(SandboxHttpRequest request, long id)
    {
        var lead = account.FindLiveLead(id) ?? throw new AmoCrmRequestException(AmoCrmErrors.NotFound($"Lead {id} not found"));
        using var body = ParseBody(request);
        var item = body.RootElement;
        var pipelineId = Optional(item, "pipeline_id", 0) ?? lead.PipelineId;
        var statusId = Optional(item, "status_id", 0);
        if (Optional(item, "pipeline_id", 0) is not null && statusId is null)
        {
            statusId = FirstOpenStatus(pipelineId, 0).Id;
        }

        statusId ??= lead.StatusId;
        var status = CheckStatus(pipelineId, statusId.Value, 0);
        var fields = item.TryGetProperty("custom_fields_values", out var f) ? ReadLeadFields(f, 0) : null;
        var name = item.TryGetProperty("name", out var n) ? n.GetString() : null;
        var price = Optional(item, "price", 0);
        var lossReason = Optional(item, "loss_reason_id", 0);

        if (name is not null)
        {
            lead.Name = name;
        }

        if (price is { } p)
        {
            lead.Price = p;
        }

        ApplyFields(lead.Fields, fields);
        if (lossReason is { } reason)
        {
            lead.LossReasonId = reason;
        }

        account.ChangeStatus(lead, status.PipelineId, status.Id);
        account.Touch(lead);
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", lead.Id);
            w.WriteNumber("updated_at", lead.UpdatedAt);
            AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/{lead.Id}"));
            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse Pipelines() => Ok(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("_total_items", account.Pipelines.Count);
        AmoCrmJson.WriteSelfLink(w, Href("api/v4/leads/pipelines"));
        w.WriteStartObject("_embedded");
        w.WriteStartArray("pipelines");
        foreach (var pipeline in account.Pipelines)
        {
            w.WriteStartObject();
            w.WriteNumber("id", pipeline.Id);
            w.WriteString("name", pipeline.Name);
            w.WriteNumber("sort", pipeline.Sort);
            w.WriteBoolean("is_main", pipeline.IsMain);
            w.WriteBoolean("is_unsorted_on", pipeline.Statuses.Any(s => s.Type == 1));
            w.WriteBoolean("is_archive", false);
            w.WriteNumber("account_id", AmoCrmSchema.AccountId);
            AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/pipelines/{pipeline.Id}"));
            w.WriteStartObject("_embedded");
            w.WriteStartArray("statuses");
            foreach (var status in pipeline.Statuses)
            {
                w.WriteStartObject();
                w.WriteNumber("id", status.Id);
                w.WriteString("name", status.Name);
                w.WriteNumber("sort", status.Sort);
                w.WriteBoolean("is_editable", status.Type == 0 && status.Id is not (AmoCrmSchema.WonStatusId or AmoCrmSchema.LostStatusId));
                w.WriteNumber("pipeline_id", pipeline.Id);
                w.WriteString("color", status.Type == 1 ? "#c1c1c1" : "#99ccff");
                w.WriteNumber("type", status.Type);
                w.WriteNumber("account_id", AmoCrmSchema.AccountId);
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/pipelines/{pipeline.Id}/statuses/{status.Id}"));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public SandboxHttpResponse LossReasons(SandboxHttpRequest request)
    {
        var (page, limit) = Paging(request.Query, 50, MaxLimit);
        var items = account.LossReasons.Skip((page - 1) * limit).Take(limit + 1).ToList();
        return items.Count == 0 ? NoContent() : List("loss_reasons", request, page, limit, items.Count > limit, w =>
        {
            foreach (var (id, name) in items.Take(limit))
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("name", name);
                w.WriteNumber("sort", (int)(id - AmoCrmSchema.FirstLossReasonId + 1) * 10);
                w.WriteNumber("created_at", account.Now);
                w.WriteNumber("updated_at", account.Now);
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/loss_reasons/{id}"));
                w.WriteEndObject();
            }
        });
    }

    public SandboxHttpResponse CustomFields(SandboxHttpRequest request, string entity)
    {
        var fields = entity switch
        {
            "leads" => AmoCrmSchema.LeadFields,
            "companies" => AmoCrmSchema.CompanyFields,
            "contacts" => AmoCrmSchema.ContactFields,
            _ => throw new AmoCrmRequestException(AmoCrmErrors.NotFound($"No custom fields for {entity}")),
        };
        var (page, limit) = Paging(request.Query, 50, MaxCustomFieldLimit);
        var items = fields.Skip((page - 1) * limit).Take(limit + 1).ToList();
        return items.Count == 0 ? NoContent() : List("custom_fields", request, page, limit, items.Count > limit, w =>
        {
            foreach (var field in items.Take(limit))
            {
                w.WriteStartObject();
                w.WriteNumber("id", field.Id);
                w.WriteString("name", field.Name);
                w.WriteString("type", field.Type);
                w.WriteNumber("account_id", AmoCrmSchema.AccountId);
                if (field.Code is null)
                {
                    w.WriteNull("code");
                }
                else
                {
                    w.WriteString("code", field.Code);
                }

                w.WriteNumber("sort", field.Sort);
                w.WriteBoolean("is_api_only", false);
                if (field.Enums.Count == 0)
                {
                    w.WriteNull("enums");
                }
                else
                {
                    w.WriteStartArray("enums");
                    var sort = 1;
                    foreach (var (id, value) in field.Enums)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("id", id);
                        w.WriteString("value", value);
                        w.WriteNumber("sort", sort++);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteString("entity_type", entity);
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/{entity}/custom_fields/{field.Id}"));
                w.WriteEndObject();
            }
        });
    }

    public SandboxHttpResponse Users(SandboxHttpRequest request)
    {
        var (page, limit) = Paging(request.Query, 50, MaxLimit);
        var items = account.Users.Skip((page - 1) * limit).Take(limit + 1).ToList();
        return items.Count == 0 ? NoContent() : List("users", request, page, limit, items.Count > limit, w =>
        {
            foreach (var (id, name, email) in items.Take(limit))
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("name", name);
                w.WriteString("email", email);
                w.WriteString("lang", "ru");
                w.WriteStartObject("rights");
                w.WriteBoolean("is_admin", id == AmoCrmSchema.FirstUserId);
                w.WriteBoolean("is_free", false);
                w.WriteBoolean("is_active", true);
                w.WriteEndObject();
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/users/{id}"));
                w.WriteEndObject();
            }
        });
    }

    public SandboxHttpResponse Account() => Ok(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("id", AmoCrmSchema.AccountId);
        w.WriteString("name", "CrmBridge sandbox");
        w.WriteString("subdomain", AmoCrmSchema.Subdomain);
        w.WriteString("country", "RU");
        w.WriteString("currency", "RUB");
        w.WriteString("currency_symbol", "₽");
        w.WriteBoolean("is_unsorted_on", true);
        w.WriteBoolean("is_loss_reason_enabled", true);
        AmoCrmJson.WriteSelfLink(w, Href("api/v4/account"));
        w.WriteEndObject();
    });

    public SandboxHttpResponse Entities(SandboxHttpRequest request, string entity)
    {
        var store = entity == "companies" ? account.Companies : account.Contacts;
        var definitions = entity == "companies" ? AmoCrmSchema.CompanyFields : AmoCrmSchema.ContactFields;
        var (page, limit) = Paging(request.Query, 50, MaxLimit);
        var ids = Ids(request.Query, "filter[id]");
        var source = ids is null ? store.Values.OrderBy(e => e.Id) : ids.Distinct().Order().Select(store.GetValueOrDefault).OfType<AmoCrmEntityRecord>();
        var items = source.Skip((page - 1) * limit).Take(limit + 1).ToList();
        return items.Count == 0 ? NoContent() : List(entity, request, page, limit, items.Count > limit, w =>
        {
            foreach (var item in items.Take(limit))
            {
                w.WriteStartObject();
                w.WriteNumber("id", item.Id);
                w.WriteString("name", item.Name);
                if (entity == "contacts")
                {
                    w.WriteString("first_name", item.FirstName);
                    w.WriteString("last_name", item.LastName);
                }

                w.WriteNumber("responsible_user_id", item.ResponsibleUserId);
                w.WriteNumber("group_id", 0);
                w.WriteNumber("created_by", 0);
                w.WriteNumber("updated_by", 0);
                w.WriteNumber("created_at", item.CreatedAt);
                w.WriteNumber("updated_at", item.UpdatedAt);
                w.WriteNull("closest_task_at");
                w.WriteBoolean("is_deleted", false);
                WriteFields(w, item.Fields, definitions);
                w.WriteNumber("account_id", AmoCrmSchema.AccountId);
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/{entity}/{item.Id}"));
                w.WriteStartObject("_embedded");
                w.WriteStartArray("tags");
                w.WriteEndArray();
                if (entity == "contacts")
                {
                    w.WriteStartArray("companies");
                    if (item.CompanyId is { } companyId)
                    {
                        WriteLinked(w, companyId, "companies", isMain: null);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }
        });
    }

    public SandboxHttpResponse Events(SandboxHttpRequest request)
    {
        var q = request.Query;
        var (page, limit) = Paging(q, 50, MaxEventLimit);
        var entity = q["filter[entity]"] ?? q["filter[entity][]"];
        var types = Csv(string.Join(',', q.GetValues("filter[type]") ?? q.GetValues("filter[type][]") ?? []));
        var from = Long(q, "filter[created_at][from]");
        var to = Long(q, "filter[created_at][to]");
        var entityIds = Ids(q, "filter[entity_id]");
        if (entityIds is { Count: > MaxEventEntityIds })
        {
            throw new AmoCrmRequestException(AmoCrmErrors.BadRequest($"filter[entity_id] takes at most {MaxEventEntityIds} ids."));
        }

        if (entityIds is not null && entity is null)
        {
            throw new AmoCrmRequestException(AmoCrmErrors.BadRequest("filter[entity_id] needs filter[entity]."));
        }

        if (entity is not null && entity is not ("lead" or "leads"))
        {
            return NoContent();
        }

        var key = $"{string.Join(',', types.Order())}|{from}|{to}|{(entityIds is null ? "" : string.Join(',', entityIds.Order()))}";
        List<AmoCrmEventRecord> matching;
        if (eventQueryCache is { } cache && cache.Key == key && cache.Version == account.EventVersion)
        {
            matching = cache.Events;
        }
        else
        {
            IEnumerable<AmoCrmEventRecord> source = entityIds is null ? account.Events : entityIds.Distinct().SelectMany(account.EventsOf);
            matching = [.. source
                .Where(e => (types.Count == 0 || types.Contains(e.Type)) && (from is null || e.CreatedAt >= from) && (to is null || e.CreatedAt <= to))
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Sequence)];
            eventQueryCache = (key, account.EventVersion, matching);
        }

        var items = matching.Skip((page - 1) * limit).Take(limit + 1).ToList();
        return items.Count == 0 ? NoContent() : List("events", request, page, limit, items.Count > limit, w =>
        {
            foreach (var e in items.Take(limit))
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteString("type", e.Type);
                w.WriteNumber("entity_id", e.LeadId);
                w.WriteString("entity_type", "lead");
                w.WriteNumber("created_by", e.CreatedBy);
                w.WriteNumber("created_at", e.CreatedAt);
                WriteStatus(w, "value_after", e.StatusAfter);
                WriteStatus(w, "value_before", e.StatusBefore);
                w.WriteNumber("account_id", AmoCrmSchema.AccountId);
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/events/{e.Id}"));
                w.WriteStartObject("_embedded");
                w.WriteStartObject("entity");
                w.WriteNumber("id", e.LeadId);
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/{e.LeadId}"));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }
        });
    }

    public SandboxHttpResponse Tasks(SandboxHttpRequest request)
    {
        var q = request.Query;
        var (page, limit) = Paging(q, 50, MaxLimit);
        var leadIds = Ids(q, "filter[entity_id]");
        var completed = q["filter[is_completed]"];
        var source = (leadIds ?? [.. account.AllLeads.Select(l => l.Id)]).Distinct().Order().SelectMany(account.TasksOf)
            .Where(t => completed is null || t.IsCompleted == (completed is "1" or "true"));
        var items = source.Skip((page - 1) * limit).Take(limit + 1).ToList();
        return items.Count == 0 ? NoContent() : List("tasks", request, page, limit, items.Count > limit, w =>
        {
            foreach (var task in items.Take(limit))
            {
                WriteTask(w, task);
            }
        });
    }

    public SandboxHttpResponse CreateTasks(SandboxHttpRequest request)
    {
        using var body = ParseBody(request);
        var items = body.RootElement.ValueKind == JsonValueKind.Array
            ? body.RootElement.EnumerateArray().ToList()
            : throw new AmoCrmRequestException(AmoCrmErrors.BadRequest("The body must be an array of tasks."));
        var plans = new List<Func<AmoCrmTaskRecord>>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var index = i;
            var text = item.TryGetProperty("text", out var t) && t.GetString() is { Length: > 0 } value
                ? value
                : throw AmoCrmErrors.Validation(i, "text", "NotBlank", "This value should not be blank.");
            var completeTill = Optional(item, "complete_till", i) ?? throw AmoCrmErrors.Validation(i, "complete_till", "NotBlank", "This value should not be blank.");
            var entityType = item.TryGetProperty("entity_type", out var et) ? et.GetString() : null;
            var leadId = Optional(item, "entity_id", i);
            if (leadId is null || entityType != "leads" || account.FindLiveLead(leadId.Value) is null)
            {
                throw AmoCrmErrors.Validation(i, "entity_id", "InvalidEntity", "The entity the task is for does not exist.");
            }

            var responsible = Optional(item, "responsible_user_id", i) ?? AmoCrmSchema.FirstUserId;
            CheckUser(responsible, i, "responsible_user_id");
            var taskType = (int)(Optional(item, "task_type_id", i) ?? 1);
            plans.Add(() => account.AddTask(leadId.Value, text, completeTill, responsible, taskType));
            _ = index;
        }

        var created = plans.Select(p => p()).ToList();
        return Created("tasks", created.Select(t => t.Id).ToList(), t => Href($"api/v4/tasks/{t}"));
    }

    public SandboxHttpResponse AddNotes(SandboxHttpRequest request, long? leadIdFromPath)
    {
        using var body = ParseBody(request);
        var items = body.RootElement.ValueKind == JsonValueKind.Array
            ? body.RootElement.EnumerateArray().ToList()
            : throw new AmoCrmRequestException(AmoCrmErrors.BadRequest("The body must be an array of notes."));
        var plans = new List<Func<AmoCrmNoteRecord>>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var leadId = leadIdFromPath ?? Optional(item, "entity_id", i);
            if (leadId is null || account.FindLiveLead(leadId.Value) is null)
            {
                throw AmoCrmErrors.Validation(i, "entity_id", "InvalidEntity", "The lead does not exist.");
            }

            var noteType = item.TryGetProperty("note_type", out var nt) ? nt.GetString() ?? "" : "";
            if (noteType != "common")
            {
                throw AmoCrmErrors.Validation(i, "note_type", "InvalidChoice", "Only common notes are supported by the sandbox.");
            }

            var text = item.TryGetProperty("params", out var p) && p.TryGetProperty("text", out var t) ? t.GetString() : null;
            if (string.IsNullOrEmpty(text))
            {
                throw AmoCrmErrors.Validation(i, "params.text", "NotBlank", "This value should not be blank.");
            }

            plans.Add(() => account.AddNote(leadId.Value, noteType, text));
        }

        var created = plans.Select(p => p()).ToList();
        return Ok(w =>
        {
            w.WriteStartObject();
            AmoCrmJson.WriteSelfLink(w, Href("api/v4/leads/notes"));
            w.WriteStartObject("_embedded");
            w.WriteStartArray("notes");
            for (var i = 0; i < created.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", created[i].Id);
                w.WriteNumber("entity_id", created[i].LeadId);
                w.WriteString("request_id", i.ToString(CultureInfo.InvariantCulture));
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/{created[i].LeadId}/notes/{created[i].Id}"));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private Func<AmoCrmLeadRecord> PlanCreate(JsonElement item, int index)
    {
        var name = item.TryGetProperty("name", out var n) ? n.GetString() : null;
        var pipelineId = Optional(item, "pipeline_id", index) ?? AmoCrmSchema.SalesPipelineId;
        var status = Optional(item, "status_id", index) is { } statusId ? CheckStatus(pipelineId, statusId, index) : FirstOpenStatus(pipelineId, index);
        var price = Optional(item, "price", index) ?? 0;
        var responsible = Optional(item, "responsible_user_id", index) ?? AmoCrmSchema.FirstUserId;
        CheckUser(responsible, index, "responsible_user_id");
        var fields = item.TryGetProperty("custom_fields_values", out var f) ? ReadLeadFields(f, index) : null;
        long? companyId = null;
        var contacts = new List<long>();
        if (item.TryGetProperty("_embedded", out var embedded))
        {
            if (embedded.TryGetProperty("companies", out var companies) && companies.ValueKind == JsonValueKind.Array)
            {
                foreach (var company in companies.EnumerateArray())
                {
                    var id = Optional(company, "id", index) ?? 0;
                    companyId = account.Companies.ContainsKey(id) ? id : throw AmoCrmErrors.Validation(index, "_embedded.companies.0.id", "NotFound", $"Company {id} not found.");
                }
            }

            if (embedded.TryGetProperty("contacts", out var linked) && linked.ValueKind == JsonValueKind.Array)
            {
                foreach (var contact in linked.EnumerateArray())
                {
                    var id = Optional(contact, "id", index) ?? 0;
                    var isMain = contact.TryGetProperty("is_main", out var m) && m.ValueKind == JsonValueKind.True;
                    if (!account.Contacts.ContainsKey(id))
                    {
                        throw AmoCrmErrors.Validation(index, "_embedded.contacts.0.id", "NotFound", $"Contact {id} not found.");
                    }

                    contacts.Insert(isMain ? 0 : contacts.Count, id);
                }
            }
        }

        return () =>
        {
            var lead = account.AddLead(name ?? "", status.PipelineId, status.Id);
            if (name is null)
            {
                lead.Name = $"Сделка #{lead.Id}";
            }

            lead.Price = price;
            lead.ResponsibleUserId = responsible;
            lead.CompanyId = companyId;
            lead.ContactIds.AddRange(contacts.Distinct());
            ApplyFields(lead.Fields, fields);
            return lead;
        };
    }

    private AmoCrmStatusRecord CheckStatus(long pipelineId, long statusId, int index)
    {
        var pipeline = account.FindPipeline(pipelineId) ?? throw AmoCrmErrors.Validation(index, "pipeline_id", "NotFound", $"Pipeline {pipelineId} not found.");
        return pipeline.Statuses.FirstOrDefault(s => s.Id == statusId)
            ?? throw AmoCrmErrors.Validation(index, "status_id", "InvalidStatus", $"Status {statusId} is not in pipeline {pipelineId}.");
    }

    private AmoCrmStatusRecord FirstOpenStatus(long pipelineId, int index)
    {
        var pipeline = account.FindPipeline(pipelineId) ?? throw AmoCrmErrors.Validation(index, "pipeline_id", "NotFound", $"Pipeline {pipelineId} not found.");
        return pipeline.Statuses.First(s => s.Type == 0);
    }

    private void CheckUser(long userId, int index, string path)
    {
        if (!account.Users.Any(u => u.Id == userId))
        {
            throw AmoCrmErrors.Validation(index, path, "NotFound", $"User {userId} not found.");
        }
    }

    /// <summary>Parses custom field values to set; a null <c>values</c> clears the field. Unknown fields or options are rejected.</summary>
    private static Dictionary<long, List<AmoCrmFieldValueRecord>?> ReadLeadFields(JsonElement fields, int index)
    {
        var result = new Dictionary<long, List<AmoCrmFieldValueRecord>?>();
        if (fields.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var position = 0;
        foreach (var field in fields.EnumerateArray())
        {
            var path = $"custom_fields_values.{position++}";
            var fieldId = Optional(field, "field_id", index) ?? 0;
            var definition = AmoCrmSchema.LeadFields.FirstOrDefault(d => d.Id == fieldId)
                ?? throw AmoCrmErrors.Validation(index, $"{path}.field_id", "NotFound", $"Field {fieldId} not found.");
            if (!field.TryGetProperty("values", out var values) || values.ValueKind == JsonValueKind.Null)
            {
                result[fieldId] = null;
                continue;
            }

            var list = new List<AmoCrmFieldValueRecord>();
            var valueIndex = 0;
            foreach (var value in values.EnumerateArray())
            {
                var valuePath = $"{path}.values.{valueIndex++}";
                if (definition.IsList)
                {
                    var enumId = Optional(value, "enum_id", index);
                    var text = value.TryGetProperty("value", out var v) ? v.ToString() : null;
                    var option = definition.Enums.FirstOrDefault(e => e.Id == enumId || (enumId is null && e.Value == text));
                    if (option.Id == 0)
                    {
                        throw AmoCrmErrors.Validation(index, $"{valuePath}.enum_id", "NotSupportedChoice", "The value you selected is not a valid choice.");
                    }

                    list.Add(new AmoCrmFieldValueRecord(option.Value, option.Id));
                }
                else
                {
                    var text = value.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
                    if (text is null)
                    {
                        throw AmoCrmErrors.Validation(index, $"{valuePath}.value", "NotBlank", "This value should not be blank.");
                    }

                    list.Add(new AmoCrmFieldValueRecord(text));
                }
            }

            result[fieldId] = list.Count == 0 ? null : list;
        }

        return result;
    }

    private static void ApplyFields(Dictionary<long, List<AmoCrmFieldValueRecord>> target, Dictionary<long, List<AmoCrmFieldValueRecord>?>? changes)
    {
        foreach (var (fieldId, values) in changes ?? [])
        {
            if (values is null)
            {
                target.Remove(fieldId);
            }
            else
            {
                target[fieldId] = values;
            }
        }
    }

    private void WriteLead(Utf8JsonWriter w, AmoCrmLeadRecord lead, bool withContacts, bool withLossReason)
    {
        w.WriteStartObject();
        w.WriteNumber("id", lead.Id);
        w.WriteString("name", lead.Name);
        w.WriteNumber("price", lead.Price);
        w.WriteNumber("responsible_user_id", lead.ResponsibleUserId);
        w.WriteNumber("group_id", 0);
        w.WriteNumber("status_id", lead.StatusId);
        w.WriteNumber("pipeline_id", lead.PipelineId);
        AmoCrmJson.WriteNullableNumber(w, "loss_reason_id", lead.LossReasonId);
        w.WriteNumber("created_by", 0);
        w.WriteNumber("updated_by", 0);
        w.WriteNumber("created_at", lead.CreatedAt);
        w.WriteNumber("updated_at", lead.UpdatedAt);
        AmoCrmJson.WriteNullableNumber(w, "closed_at", lead.ClosedAt);
        AmoCrmJson.WriteNullableNumber(w, "closest_task_at", account.ClosestTaskAt(lead.Id));
        w.WriteBoolean("is_deleted", lead.IsDeleted);
        WriteFields(w, lead.Fields, AmoCrmSchema.LeadFields);
        w.WriteNull("score");
        w.WriteNumber("account_id", AmoCrmSchema.AccountId);
        w.WriteNull("labor_cost");
        AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/{lead.Id}"));
        w.WriteStartObject("_embedded");
        w.WriteStartArray("tags");
        w.WriteEndArray();
        w.WriteStartArray("companies");
        if (lead.CompanyId is { } companyId)
        {
            WriteLinked(w, companyId, "companies", isMain: null);
        }

        w.WriteEndArray();
        if (withContacts)
        {
            w.WriteStartArray("contacts");
            for (var i = 0; i < lead.ContactIds.Count; i++)
            {
                WriteLinked(w, lead.ContactIds[i], "contacts", isMain: i == 0);
            }

            w.WriteEndArray();
        }

        if (withLossReason)
        {
            w.WriteStartArray("loss_reason");
            if (lead.LossReasonId is { } reasonId && account.LossReasons.FirstOrDefault(r => r.Id == reasonId) is { Name: not null } reason)
            {
                w.WriteStartObject();
                w.WriteNumber("id", reason.Id);
                w.WriteString("name", reason.Name);
                w.WriteNumber("sort", 10);
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/loss_reasons/{reason.Id}"));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WriteLinked(Utf8JsonWriter w, long id, string entity, bool? isMain)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        if (isMain is { } main)
        {
            w.WriteBoolean("is_main", main);
        }

        AmoCrmJson.WriteSelfLink(w, Href($"api/v4/{entity}/{id}"));
        w.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter w, Dictionary<long, List<AmoCrmFieldValueRecord>> fields, IReadOnlyList<AmoCrmCustomFieldRecord> definitions)
    {
        if (fields.Count == 0)
        {
            w.WriteNull("custom_fields_values");
            return;
        }

        w.WriteStartArray("custom_fields_values");
        foreach (var definition in definitions)
        {
            if (!fields.TryGetValue(definition.Id, out var values))
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteNumber("field_id", definition.Id);
            w.WriteString("field_name", definition.Name);
            if (definition.Code is null)
            {
                w.WriteNull("field_code");
            }
            else
            {
                w.WriteString("field_code", definition.Code);
            }

            w.WriteString("field_type", definition.Type);
            w.WriteStartArray("values");
            foreach (var value in values)
            {
                w.WriteStartObject();
                w.WriteString("value", value.Value);
                if (value.EnumId is { } enumId)
                {
                    w.WriteNumber("enum_id", enumId);
                }

                if (value.EnumCode is { } code)
                {
                    w.WriteString("enum_code", code);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteTask(Utf8JsonWriter w, AmoCrmTaskRecord task)
    {
        w.WriteStartObject();
        w.WriteNumber("id", task.Id);
        w.WriteNumber("created_by", 0);
        w.WriteNumber("updated_by", 0);
        w.WriteNumber("created_at", task.CreatedAt);
        w.WriteNumber("updated_at", task.CreatedAt);
        w.WriteNumber("responsible_user_id", task.ResponsibleUserId);
        w.WriteNumber("group_id", 0);
        w.WriteNumber("entity_id", task.LeadId);
        w.WriteString("entity_type", "leads");
        w.WriteBoolean("is_completed", task.IsCompleted);
        w.WriteNumber("task_type_id", task.TaskTypeId);
        w.WriteString("text", task.Text);
        w.WriteNull("duration");
        w.WriteNumber("complete_till", task.CompleteTill);
        w.WriteNull("result");
        w.WriteNumber("account_id", AmoCrmSchema.AccountId);
        AmoCrmJson.WriteSelfLink(w, Href($"api/v4/tasks/{task.Id}"));
        w.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter w, string name, (long StatusId, long PipelineId)? status)
    {
        w.WriteStartArray(name);
        if (status is { } s)
        {
            w.WriteStartObject();
            w.WriteStartObject("lead_status");
            w.WriteNumber("id", s.StatusId);
            w.WriteNumber("pipeline_id", s.PipelineId);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private SandboxHttpResponse Created(string entity, IReadOnlyList<long> ids, Func<long, string> href) => Ok(w =>
    {
        w.WriteStartObject();
        AmoCrmJson.WriteSelfLink(w, Href($"api/v4/{entity}"));
        w.WriteStartObject("_embedded");
        w.WriteStartArray(entity);
        for (var i = 0; i < ids.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("id", ids[i]);
            w.WriteString("request_id", i.ToString(CultureInfo.InvariantCulture));
            AmoCrmJson.WriteSelfLink(w, href(ids[i]));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private SandboxHttpResponse List(string key, SandboxHttpRequest request, int page, int limit, bool hasNext, Action<Utf8JsonWriter> items) => Ok(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("_page", page);
        w.WriteStartObject("_links");
        w.WriteStartObject("self");
        w.WriteString("href", PageHref(request, page, limit));
        w.WriteEndObject();
        if (hasNext)
        {
            w.WriteStartObject("next");
            w.WriteString("href", PageHref(request, page + 1, limit));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("_embedded");
        w.WriteStartArray(key);
        items(w);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private string PageHref(SandboxHttpRequest request, int page, int limit)
    {
        var query = HttpUtilityQuery(request.Query, page, limit);
        return $"{baseUrl.AbsoluteUri.TrimEnd('/')}{request.Path[request.Path.IndexOf("/api/", StringComparison.Ordinal)..]}?{query}";
    }

    private static string HttpUtilityQuery(NameValueCollection query, int page, int limit)
    {
        var parts = new List<string> { $"page={page}", $"limit={limit}" };
        foreach (var key in query.AllKeys.OfType<string>().Where(k => k is not ("page" or "limit")))
        {
            parts.AddRange((query.GetValues(key) ?? []).Select(v => $"{key}={Uri.EscapeDataString(v)}"));
        }

        return string.Join('&', parts);
    }

    private string Href(string relative) => $"{baseUrl.AbsoluteUri.TrimEnd('/')}/{relative}";

    private static bool Matches(AmoCrmLeadRecord lead, string text) =>
        lead.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
        || lead.Fields.Values.Any(values => values.Any(v => v.Value.Contains(text, StringComparison.OrdinalIgnoreCase)));

    private static SandboxHttpResponse Ok(Action<Utf8JsonWriter> body) => new(200, AmoCrmJson.Write(body));

    private static SandboxHttpResponse NoContent() => new(204, null);

    private static JsonDocument ParseBody(SandboxHttpRequest request)
    {
        try
        {
            return JsonDocument.Parse(request.Body ?? "");
        }
        catch (JsonException)
        {
            throw new AmoCrmRequestException(AmoCrmErrors.BadRequest("The body is not valid JSON."));
        }
    }

    private static long? Optional(JsonElement item, string name, int index)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw AmoCrmErrors.Validation(index, name, "InvalidType", "This value should be of type int.");
    }

    private static (int Page, int Limit) Paging(NameValueCollection query, int defaultLimit, int maxLimit)
    {
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, maxLimit) : defaultLimit;
        return (page, limit);
    }

    private static long? Long(NameValueCollection query, string key) =>
        long.TryParse(query[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Ids from <c>key[]=1&amp;key[]=2</c>, <c>key[0]=1</c> or <c>key=1,2</c>; null when the filter is absent.</summary>
    private static List<long>? Ids(NameValueCollection query, string key)
    {
        var values = query.AllKeys.OfType<string>()
            .Where(k => k == key || (k.StartsWith(key + "[", StringComparison.Ordinal) && k.EndsWith(']')))
            .SelectMany(k => query.GetValues(k) ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (values.Count == 0)
        {
            return null;
        }

        return [.. values.Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0)];
    }

    private static HashSet<string> Csv(string? value) =>
        new((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
