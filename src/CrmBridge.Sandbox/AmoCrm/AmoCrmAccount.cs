using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>
/// The state of the sandbox amoCRM account and the rules amoCRM applies on changes (modification times, closing times,
/// status-change events, the nearest open task). Leads are indexed by modification time so a page costs
/// O(log n + page size) at 100,000 leads. Callers hold <see cref="Gate"/>.
/// </summary>
internal sealed class AmoCrmAccount
{
    private readonly Func<DateTimeOffset> clock;
    private readonly Dictionary<long, AmoCrmLeadRecord> leads = [];
    private readonly SortedSet<(long UpdatedAt, long Id)> liveByUpdated = [];
    private readonly SortedSet<(long UpdatedAt, long Id)> deletedByUpdated = [];
    private readonly Dictionary<string, long> leadIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> companyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> contactIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> userIds = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<AmoCrmEventRecord>> eventsByLead = [];
    private readonly Dictionary<long, List<AmoCrmTaskRecord>> tasksByLead = [];
    private readonly List<AmoCrmEventRecord> events = [];
    private readonly List<AmoCrmNoteRecord> notes = [];
    private long nextLeadId = AmoCrmSchema.FirstLeadId;
    private long nextTaskId = AmoCrmSchema.FirstTaskId;
    private long nextNoteId = AmoCrmSchema.FirstNoteId;
    private long nextEventSequence = 1;

    public AmoCrmAccount(SandboxDataset dataset, Func<DateTimeOffset> clock)
    {
        this.clock = clock;
        Pipelines = AmoCrmSchema.Pipelines(dataset);
        Users = [.. dataset.Owners.Select((o, i) => (Id: AmoCrmSchema.FirstUserId + i, Name: o.FullName, o.Email))];
        for (var i = 0; i < dataset.Owners.Count; i++)
        {
            userIds[dataset.Owners[i].Key] = AmoCrmSchema.FirstUserId + i;
        }

        LossReasons = [.. SalesMethodDefaults.LossReasons.Select((r, i) => (AmoCrmSchema.FirstLossReasonId + i, r))];
        Companies = SeedCompanies(dataset);
        Contacts = SeedContacts(dataset);
        SeedLeads(dataset);
    }

    public Lock Gate { get; } = new();

    public IReadOnlyList<AmoCrmPipelineRecord> Pipelines { get; }

    public IReadOnlyList<(long Id, string Name, string Email)> Users { get; }

    public IReadOnlyList<(long Id, string Name)> LossReasons { get; }

    public Dictionary<long, AmoCrmEntityRecord> Companies { get; }

    public Dictionary<long, AmoCrmEntityRecord> Contacts { get; }

    public IReadOnlyList<AmoCrmNoteRecord> Notes => notes;

    public int LiveLeadCount => liveByUpdated.Count;

    /// <summary>Grows with every event, so cached event queries know when they are stale.</summary>
    public long EventVersion => nextEventSequence;

    public IReadOnlyList<AmoCrmEventRecord> Events => events;

    public long Now => clock().ToUnixTimeSeconds();

    public long? LeadId(string key) => leadIds.TryGetValue(key, out var id) ? id : null;

    public long? CompanyId(string key) => companyIds.TryGetValue(key, out var id) ? id : null;

    public long? ContactId(string key) => contactIds.TryGetValue(key, out var id) ? id : null;

    public long? UserId(string key) => userIds.TryGetValue(key, out var id) ? id : null;

    public AmoCrmLeadRecord? FindLead(long id) => leads.GetValueOrDefault(id);

    public AmoCrmLeadRecord? FindLiveLead(long id) => leads.TryGetValue(id, out var lead) && !lead.IsDeleted ? lead : null;

    public IEnumerable<AmoCrmLeadRecord> AllLeads => leads.Values.OrderBy(l => l.Id);

    /// <summary>Live (or deleted) leads modified in [from, to], oldest first, then by id.</summary>
    public IEnumerable<AmoCrmLeadRecord> LeadsByUpdated(long? from, long? to, bool deleted)
    {
        var set = deleted ? deletedByUpdated : liveByUpdated;
        if (set.Count == 0)
        {
            return [];
        }

        var view = set.GetViewBetween((from ?? long.MinValue, long.MinValue), (to ?? long.MaxValue, long.MaxValue));
        return view.Select(k => leads[k.Id]);
    }

    /// <summary>Live leads by id (the default order of the list).</summary>
    public IEnumerable<AmoCrmLeadRecord> LiveLeadsById => leads.Values.Where(l => !l.IsDeleted).OrderBy(l => l.Id);

    public IReadOnlyList<AmoCrmEventRecord> EventsOf(long leadId) => eventsByLead.TryGetValue(leadId, out var list) ? list : [];

    public IReadOnlyList<AmoCrmTaskRecord> TasksOf(long leadId) => tasksByLead.TryGetValue(leadId, out var list) ? list : [];

    public long? ClosestTaskAt(long leadId) =>
        tasksByLead.TryGetValue(leadId, out var list) && list.Where(t => !t.IsCompleted).Select(t => t.CompleteTill).DefaultIfEmpty().Min() is > 0 and var at
            ? at
            : null;

    public AmoCrmPipelineRecord? FindPipeline(long id) => Pipelines.FirstOrDefault(p => p.Id == id);

    public AmoCrmStatusRecord Status(string pipelineKey, string stageKey) =>
        Pipelines.Single(p => p.DatasetKey == pipelineKey).Statuses.FirstOrDefault(s => s.DatasetKey == stageKey)
            ?? throw new KeyNotFoundException($"Pipeline {pipelineKey} has no stage {stageKey}.");

    /// <summary>Adds a lead created through the API; its status must belong to its pipeline (checked by the caller).</summary>
    public AmoCrmLeadRecord AddLead(string name, long pipelineId, long statusId)
    {
        var now = Now;
        var lead = new AmoCrmLeadRecord { Id = nextLeadId++, Name = name, PipelineId = pipelineId, StatusId = statusId, CreatedAt = now, UpdatedAt = now };
        if (IsClosed(statusId))
        {
            lead.ClosedAt = now;
        }

        leads.Add(lead.Id, lead);
        liveByUpdated.Add((lead.UpdatedAt, lead.Id));
        AddEvent("lead_added", lead.Id, now, null, (statusId, pipelineId));
        return lead;
    }

    /// <summary>Moves a lead to a status (of its pipeline or another); records the change as amoCRM does.</summary>
    public void ChangeStatus(AmoCrmLeadRecord lead, long pipelineId, long statusId)
    {
        if (lead.PipelineId == pipelineId && lead.StatusId == statusId)
        {
            return;
        }

        var now = Now;
        var before = (lead.StatusId, lead.PipelineId);
        lead.PipelineId = pipelineId;
        lead.StatusId = statusId;
        lead.ClosedAt = IsClosed(statusId) ? now : null;
        if (statusId != AmoCrmSchema.LostStatusId)
        {
            lead.LossReasonId = null;
        }

        AddEvent("lead_status_changed", lead.Id, now, before, (statusId, pipelineId));
        Touch(lead);
    }

    public void Touch(AmoCrmLeadRecord lead)
    {
        var now = Math.Max(Now, lead.UpdatedAt);
        var set = lead.IsDeleted ? deletedByUpdated : liveByUpdated;
        set.Remove((lead.UpdatedAt, lead.Id));
        lead.UpdatedAt = now;
        set.Add((lead.UpdatedAt, lead.Id));
    }

    public void Delete(AmoCrmLeadRecord lead)
    {
        liveByUpdated.Remove((lead.UpdatedAt, lead.Id));
        lead.IsDeleted = true;
        lead.UpdatedAt = Math.Max(Now, lead.UpdatedAt);
        deletedByUpdated.Add((lead.UpdatedAt, lead.Id));
        AddEvent("lead_deleted", lead.Id, Now, null, null);
    }

    public AmoCrmTaskRecord AddTask(long leadId, string text, long completeTill, long responsibleUserId, int taskTypeId)
    {
        var task = new AmoCrmTaskRecord
        {
            Id = nextTaskId++,
            LeadId = leadId,
            Text = text,
            CompleteTill = completeTill,
            ResponsibleUserId = responsibleUserId,
            TaskTypeId = taskTypeId,
            CreatedAt = Now,
        };
        if (!tasksByLead.TryGetValue(leadId, out var list))
        {
            list = [];
            tasksByLead[leadId] = list;
        }

        list.Add(task);
        return task;
    }

    public AmoCrmNoteRecord AddNote(long leadId, string noteType, string text)
    {
        var note = new AmoCrmNoteRecord(nextNoteId++, leadId, noteType, text, Now);
        notes.Add(note);
        AddEvent("common_note_added", leadId, note.CreatedAt, null, null);
        return note;
    }

    /// <summary>Logs a call on a lead: an activity event that leaves the lead's modification time as it is.</summary>
    public void LogCall(long leadId) => AddEvent("outgoing_call", leadId, Now, null, null);

    private static bool IsClosed(long statusId) => statusId is AmoCrmSchema.WonStatusId or AmoCrmSchema.LostStatusId;

    private void AddEvent(string type, long leadId, long createdAt, (long, long)? before, (long, long)? after)
    {
        var record = new AmoCrmEventRecord(nextEventSequence++, type, leadId, createdAt, AmoCrmSchema.FirstUserId, before, after);
        events.Add(record);
        if (!eventsByLead.TryGetValue(leadId, out var list))
        {
            list = [];
            eventsByLead[leadId] = list;
        }

        list.Add(record);
    }

    private Dictionary<long, AmoCrmEntityRecord> SeedCompanies(SandboxDataset dataset)
    {
        var companies = new Dictionary<long, AmoCrmEntityRecord>(dataset.Companies.Count);
        for (var i = 0; i < dataset.Companies.Count; i++)
        {
            var seeded = dataset.Companies[i];
            var record = new AmoCrmEntityRecord
            {
                Id = AmoCrmSchema.FirstCompanyId + i,
                Name = seeded.Name,
                CreatedAt = seeded.CreatedAt.ToUnixTimeSeconds(),
                UpdatedAt = seeded.UpdatedAt.ToUnixTimeSeconds(),
                ResponsibleUserId = AmoCrmSchema.FirstUserId,
            };
            Set(record.Fields, AmoCrmSchema.CompanyPhoneFieldId, seeded.Phone, "WORK", 612_001);
            Set(record.Fields, AmoCrmSchema.CompanyWebFieldId, seeded.Website);
            Set(record.Fields, AmoCrmSchema.InnFieldId, seeded.Inn);
            Set(record.Fields, AmoCrmSchema.IndustryFieldId, seeded.Industry);
            companies.Add(record.Id, record);
            companyIds[seeded.Key] = record.Id;
        }

        return companies;
    }

    private Dictionary<long, AmoCrmEntityRecord> SeedContacts(SandboxDataset dataset)
    {
        var contacts = new Dictionary<long, AmoCrmEntityRecord>(dataset.Contacts.Count);
        for (var i = 0; i < dataset.Contacts.Count; i++)
        {
            var seeded = dataset.Contacts[i];
            var record = new AmoCrmEntityRecord
            {
                Id = AmoCrmSchema.FirstContactId + i,
                Name = seeded.FullName,
                FirstName = seeded.FirstName,
                LastName = seeded.LastName,
                CreatedAt = seeded.CreatedAt.ToUnixTimeSeconds(),
                UpdatedAt = seeded.UpdatedAt.ToUnixTimeSeconds(),
                ResponsibleUserId = AmoCrmSchema.FirstUserId,
                CompanyId = companyIds.TryGetValue(seeded.CompanyKey, out var companyId) ? companyId : null,
            };
            Set(record.Fields, AmoCrmSchema.ContactPhoneFieldId, seeded.Phone, "WORK", 613_001);
            Set(record.Fields, AmoCrmSchema.ContactEmailFieldId, seeded.Email, "WORK", 613_011);
            Set(record.Fields, AmoCrmSchema.PositionFieldId, seeded.Position);
            var role = seeded.Role switch
            {
                ContactRole.DecisionMaker => (614_001L, "Decision maker"),
                ContactRole.Influencer => (614_002L, "Influencer"),
                ContactRole.Champion => (614_003L, "Champion"),
                _ => ((long, string)?)null,
            };
            if (role is { } r)
            {
                record.Fields[AmoCrmSchema.RoleFieldId] = [new AmoCrmFieldValueRecord(r.Item2, r.Item1)];
            }

            contacts.Add(record.Id, record);
            contactIds[seeded.Key] = record.Id;
        }

        return contacts;
    }

    /// <summary>
    /// Each dataset deal becomes a lead with the history the dataset implies: a status change at the time it entered its
    /// stage (none when it entered it on creation), a call at its last activity, an open task at its next activity.
    /// </summary>
    private void SeedLeads(SandboxDataset dataset)
    {
        var seededEvents = new List<(long CreatedAt, string Type, long LeadId, (long, long)? Before, (long, long)? After)>();
        var sourceEnums = AmoCrmSchema.LeadFields.Single(f => f.Id == AmoCrmSchema.SourceFieldId).Enums;
        foreach (var deal in dataset.Deals)
        {
            var status = Status(deal.PipelineKey, deal.StageKey);
            var createdAt = deal.CreatedAt.ToUnixTimeSeconds();
            var lead = new AmoCrmLeadRecord
            {
                Id = nextLeadId++,
                DatasetKey = deal.Key,
                Name = deal.Name,
                Price = deal.Amount is { } amount ? (long)amount : 0,
                ResponsibleUserId = userIds[deal.OwnerKey],
                PipelineId = status.PipelineId,
                StatusId = status.Id,
                CreatedAt = createdAt,
                UpdatedAt = deal.UpdatedAt.ToUnixTimeSeconds(),
                ClosedAt = deal.ClosedAt?.ToUnixTimeSeconds(),
                LossReasonId = deal.LostReason is { } reason ? LossReasons.First(r => r.Name == reason).Id : null,
                CompanyId = deal.CompanyKey is { } companyKey ? companyIds[companyKey] : null,
            };
            lead.ContactIds.AddRange(deal.ContactKeys.Select(k => contactIds[k]));
            if (deal.Source is { } source && sourceEnums.FirstOrDefault(e => e.Value == source) is { Id: > 0 } option)
            {
                lead.Fields[AmoCrmSchema.SourceFieldId] = [new AmoCrmFieldValueRecord(option.Value, option.Id)];
            }

            leads.Add(lead.Id, lead);
            leadIds[deal.Key] = lead.Id;
            var enteredAt = deal.StageEnteredAt.ToUnixTimeSeconds();
            if (enteredAt > createdAt)
            {
                var first = Pipelines.Single(p => p.Id == status.PipelineId).Statuses[0];
                seededEvents.Add((enteredAt, "lead_status_changed", lead.Id, (first.Id, first.PipelineId), (status.Id, status.PipelineId)));
            }

            if (deal.LastActivityAt is { } activity)
            {
                seededEvents.Add((activity.ToUnixTimeSeconds(), "outgoing_call", lead.Id, null, null));
            }

            if (deal.NextActivityAt is { } next)
            {
                AddTask(lead.Id, "Follow up", next.ToUnixTimeSeconds(), lead.ResponsibleUserId, 1);
            }
        }

        foreach (var lead in leads.Values)
        {
            liveByUpdated.Add((lead.UpdatedAt, lead.Id));
        }

        foreach (var e in seededEvents.OrderBy(e => e.CreatedAt).ThenBy(e => e.LeadId))
        {
            AddEvent(e.Type, e.LeadId, e.CreatedAt, e.Before, e.After);
        }
    }

    private static void Set(Dictionary<long, List<AmoCrmFieldValueRecord>> fields, long fieldId, string? value, string? enumCode = null, long? enumId = null)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields[fieldId] = [new AmoCrmFieldValueRecord(value, enumId, enumCode)];
        }
    }
}
