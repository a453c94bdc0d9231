using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>
/// The state of the sandbox Pipedrive company account and the rules Pipedrive applies to writes (stage within the
/// pipeline, status times, stage-change time, modification time to the second). Ids are dense from 1, so a record is
/// found by index and a list page costs O(log n + page). Callers hold <see cref="Gate"/>.
/// </summary>
internal sealed class PipedriveAccount
{
    public const long FirstUserId = 12001;
    public static readonly TimeSpan DeletedRetention = TimeSpan.FromDays(30);

    private readonly Func<DateTimeOffset> clock;
    private readonly List<PipedriveOrganizationRow> organizations = [];
    private readonly List<PipedrivePersonRow> persons = [];
    private readonly List<PipedriveDealRow> deals = [];
    private readonly List<PipedriveActivityRow> activities = [];
    private readonly List<PipedriveNoteRow> notes = [];
    private readonly Dictionary<long, List<long>> activitiesByDeal = [];
    private readonly List<(long Ticks, long Id)> byUpdate = [];
    private readonly Dictionary<string, long> dealIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> organizationIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> personIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> userIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Pipeline, string Stage), long> stageIds = [];

    public PipedriveAccount(SandboxDataset dataset, Func<DateTimeOffset> clock)
    {
        this.clock = clock;
        Users = [.. dataset.Owners.Select((o, i) => new PipedriveUserRow(FirstUserId + i, o.FullName, o.Email, o.Key, dataset.Now.AddYears(-2)))];
        foreach (var user in Users)
        {
            userIds[user.DatasetKey] = user.Id;
        }

        var pipelines = new List<PipedrivePipelineRow>();
        var stages = new List<PipedriveStageRow>();
        foreach (var pipeline in dataset.Pipelines)
        {
            var pipelineRow = new PipedrivePipelineRow(pipelines.Count + 1, pipeline.Name, pipeline.Order, pipeline.Key);
            pipelines.Add(pipelineRow);
            var open = pipeline.Stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).ToList();
            foreach (var stage in open)
            {
                var row = new PipedriveStageRow(stages.Count + 1, pipelineRow.Id, stage.Name, stages.Count(s => s.PipelineId == pipelineRow.Id) + 1, (int)(stage.Probability * 100), stage.Key);
                stages.Add(row);
                stageIds[(pipeline.Key, stage.Key)] = row.Id;
            }

            // Pipedrive has no won or lost stages: a closed deal keeps a stage. Won deals stand in the last open stage,
            // lost ones in the first, so each logical closing stage has one Pipedrive stage.
            foreach (var closing in pipeline.Stages.Where(s => s.Outcome != StageOutcome.Open))
            {
                stageIds[(pipeline.Key, closing.Key)] = closing.Outcome == StageOutcome.Won ? stageIds[(pipeline.Key, open[^1].Key)] : stageIds[(pipeline.Key, open[0].Key)];
            }
        }

        Pipelines = pipelines;
        Stages = stages;
        Seed(dataset);
    }

    public Lock Gate { get; } = new();

    public IReadOnlyList<PipedriveUserRow> Users { get; }

    public IReadOnlyList<PipedrivePipelineRow> Pipelines { get; }

    public IReadOnlyList<PipedriveStageRow> Stages { get; }

    public IReadOnlyList<PipedriveDealRow> Deals => deals;

    public IReadOnlyList<PipedriveOrganizationRow> Organizations => organizations;

    public IReadOnlyList<PipedrivePersonRow> Persons => persons;

    public IReadOnlyList<PipedriveActivityRow> Activities => activities;

    public IReadOnlyList<PipedriveNoteRow> Notes => notes;

    /// <summary>(update time ticks, deal id) of every deal, ascending: the index behind <c>updated_since</c>.</summary>
    public IReadOnlyList<(long Ticks, long Id)> DealsByUpdate => byUpdate;

    public int LiveDealCount { get; private set; }

    /// <summary>Now, to the second: Pipedrive keeps no milliseconds.</summary>
    public DateTimeOffset Now => Seconds(clock());

    public static DateTimeOffset Seconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    public static DateTimeOffset? Seconds(DateTimeOffset? value) => value is { } v ? Seconds(v) : null;

    public long? DealId(string key) => dealIds.TryGetValue(key, out var id) ? id : null;

    public long? OrganizationId(string key) => organizationIds.TryGetValue(key, out var id) ? id : null;

    public long? PersonId(string key) => personIds.TryGetValue(key, out var id) ? id : null;

    public long? UserId(string key) => userIds.TryGetValue(key, out var id) ? id : null;

    public long? StageId(string pipelineKey, string stageKey) => stageIds.TryGetValue((pipelineKey, stageKey), out var id) ? id : null;

    public PipedriveDealRow? Deal(long id) => id >= 1 && id <= deals.Count ? deals[(int)id - 1] : null;

    public PipedriveOrganizationRow? Organization(long id) => id >= 1 && id <= organizations.Count ? organizations[(int)id - 1] : null;

    public PipedrivePersonRow? Person(long id) => id >= 1 && id <= persons.Count ? persons[(int)id - 1] : null;

    public PipedriveActivityRow? Activity(long id) => id >= 1 && id <= activities.Count ? activities[(int)id - 1] : null;

    public PipedriveUserRow? User(long id) => Users.FirstOrDefault(u => u.Id == id);

    public PipedriveStageRow? Stage(long id) => id >= 1 && id <= Stages.Count ? Stages[(int)id - 1] : null;

    public IReadOnlyList<long> ActivitiesOf(long dealId) => activitiesByDeal.TryGetValue(dealId, out var ids) ? ids : [];

    /// <summary>Whether a deleted deal still shows in the deleted list (Pipedrive keeps them 30 days).</summary>
    public bool InDeletedList(PipedriveDealRow deal) => deal.DeletedAt is { } at && Now - at <= DeletedRetention;

    /// <summary>Checks a change against the account before anything is written; throws a 400 naming what is wrong.</summary>
    public void Validate(PipedriveDealChange change, PipedriveDealRow? current)
    {
        var errors = new List<string>();
        if (current is null && string.IsNullOrWhiteSpace(change.Text("title")))
        {
            errors.Add("title is required");
        }

        if (change.Standard.ContainsKey("title") && string.IsNullOrWhiteSpace(change.Text("title")))
        {
            errors.Add("title must not be empty");
        }

        if (change.Get<long>("owner_id") is { } owner && User(owner) is null)
        {
            errors.Add($"owner_id {owner} is not a user of this company");
        }

        if (change.Get<long>("org_id") is { } org && Organization(org) is null)
        {
            errors.Add($"org_id {org}: organization not found");
        }

        if (change.Get<long>("person_id") is { } person && Person(person) is null)
        {
            errors.Add($"person_id {person}: person not found");
        }

        var (pipelineId, stageId, stageError) = Placement(change, current);
        if (stageError is not null)
        {
            errors.Add(stageError);
        }
        else
        {
            change.Standard["pipeline_id"] = pipelineId;
            change.Standard["stage_id"] = stageId;
        }

        if (change.Text("status") is { } status && status is not ("open" or "won" or "lost"))
        {
            errors.Add($"status '{status}' must be open, won or lost");
        }

        if (errors.Count > 0)
        {
            throw PipedriveRequestException.Validation("Validation failed: " + string.Join("; ", errors));
        }
    }

    public PipedriveDealRow CreateDeal(PipedriveDealChange change, long creatorUserId)
    {
        var now = Now;
        var deal = new PipedriveDealRow
        {
            Id = deals.Count + 1,
            Title = change.Text("title")!,
            OwnerId = change.Get<long>("owner_id") ?? creatorUserId,
            CreatorUserId = creatorUserId,
            PipelineId = change.Get<long>("pipeline_id")!.Value,
            StageId = change.Get<long>("stage_id")!.Value,
            AddTime = now,
            UpdateTime = now,
            Origin = "API",
        };
        deals.Add(deal);
        LiveDealCount++;
        Apply(deal, change, now, created: true);
        Insert(byUpdate, (deal.UpdateTime.UtcTicks, deal.Id));
        return deal;
    }

    public void UpdateDeal(PipedriveDealRow deal, PipedriveDealChange change) => Apply(deal, change, Now, created: false);

    public void AddParticipant(PipedriveDealRow deal, long personId)
    {
        if (deal.LinkedPersons.Contains(personId))
        {
            throw PipedriveRequestException.Validation($"Person {personId} is already a participant of deal {deal.Id}");
        }

        deal.Participants.Add(personId);
        Touch(deal, Now);
    }

    /// <summary>Deletes the deal: it leaves every list but the deleted one; its update time moves on.</summary>
    public void DeleteDeal(PipedriveDealRow deal)
    {
        if (deal.IsDeleted)
        {
            return;
        }

        var now = Now;
        deal.DeletedAt = now;
        if (!deal.IsArchived)
        {
            LiveDealCount--;
        }

        Touch(deal, now);
    }

    public void ArchiveDeal(PipedriveDealRow deal)
    {
        if (deal.IsArchived || deal.IsDeleted)
        {
            return;
        }

        var now = Now;
        deal.ArchivedAt = now;
        LiveDealCount--;
        Touch(deal, now);
    }

    /// <summary>Merges <paramref name="from"/> into <paramref name="into"/>: its persons and activities move over and it is deleted.</summary>
    public void MergeDeals(PipedriveDealRow from, PipedriveDealRow into)
    {
        foreach (var person in from.LinkedPersons.Where(p => !into.LinkedPersons.Contains(p)).ToList())
        {
            into.Participants.Add(person);
        }

        foreach (var activityId in ActivitiesOf(from.Id).ToList())
        {
            activities[(int)activityId - 1].DealId = into.Id;
            Link(into.Id, activityId);
        }

        activitiesByDeal.Remove(from.Id);
        from.MergedInto = into.Id;
        RefreshActivityLinks(into);
        DeleteDeal(from);
        Touch(into, Now);
    }

    public PipedriveActivityRow AddActivity(PipedriveActivityRow activity)
    {
        activities.Add(activity);
        if (activity.DealId is { } dealId && Deal(dealId) is { } deal)
        {
            Link(dealId, activity.Id);
            RefreshActivityLinks(deal);
        }

        return activity;
    }

    public long NextActivityId => activities.Count + 1;

    public PipedriveNoteRow AddNote(long dealId, long userId, string content)
    {
        var note = new PipedriveNoteRow(notes.Count + 1, dealId, userId, content, Now);
        notes.Add(note);
        return note;
    }

    private (long? Pipeline, long? Stage, string? Error) Placement(PipedriveDealChange change, PipedriveDealRow? current)
    {
        var pipelineId = change.Get<long>("pipeline_id");
        var stageId = change.Get<long>("stage_id");
        if (pipelineId is { } p && Pipelines.All(x => x.Id != p))
        {
            return (null, null, $"pipeline_id {p}: pipeline not found");
        }

        if (stageId is { } s)
        {
            var stage = Stage(s);
            if (stage is null)
            {
                return (null, null, $"stage_id {s}: stage not found");
            }

            if (pipelineId is { } pipeline && stage.PipelineId != pipeline)
            {
                return (null, null, $"stage_id {s} is not a stage of pipeline {pipeline}");
            }

            return (stage.PipelineId, s, null);
        }

        if (pipelineId is { } only)
        {
            // A pipeline without a stage puts the deal in that pipeline's first stage, unless it is already there.
            if (current is not null && current.PipelineId == only)
            {
                return (only, current.StageId, null);
            }

            return (only, Stages.Where(x => x.PipelineId == only).OrderBy(x => x.OrderNr).First().Id, null);
        }

        return current is not null
            ? (current.PipelineId, current.StageId, null)
            : (Pipelines[0].Id, Stages.Where(x => x.PipelineId == Pipelines[0].Id).OrderBy(x => x.OrderNr).First().Id, null);
    }

    private void Apply(PipedriveDealRow deal, PipedriveDealChange change, DateTimeOffset now, bool created)
    {
        var stageBefore = deal.StageId;
        foreach (var (name, value) in change.Standard)
        {
            switch (name)
            {
                case "title":
                    deal.Title = (string)value!;
                    break;
                case "owner_id":
                    deal.OwnerId = value is long owner ? owner : deal.OwnerId;
                    break;
                case "person_id":
                    deal.PersonId = value as long?;
                    break;
                case "org_id":
                    deal.OrgId = value as long?;
                    break;
                case "pipeline_id":
                    deal.PipelineId = (long)value!;
                    break;
                case "stage_id":
                    deal.StageId = (long)value!;
                    break;
                case "value":
                    deal.Value = value is decimal amount ? amount : 0m;
                    break;
                case "currency":
                    deal.Currency = value as string ?? "RUB";
                    break;
                case "lost_reason":
                    deal.LostReason = value as string;
                    break;
                case "status":
                    SetStatus(deal, (string)value!, now);
                    break;
            }
        }

        foreach (var (key, value) in change.Custom)
        {
            deal.CustomFields[key] = value;
        }

        if (!created && stageBefore != deal.StageId)
        {
            deal.StageChangeTime = now;
        }

        if (!created)
        {
            Touch(deal, now);
        }
    }

    private static void SetStatus(PipedriveDealRow deal, string status, DateTimeOffset now)
    {
        if (deal.Status == status)
        {
            return;
        }

        deal.Status = status;
        deal.WonTime = status == "won" ? now : null;
        deal.LostTime = status == "lost" ? now : null;
        deal.CloseTime = status == "open" ? null : now;
        if (status != "lost")
        {
            deal.LostReason = null;
        }
    }

    private void Touch(PipedriveDealRow deal, DateTimeOffset now)
    {
        var updated = now > deal.UpdateTime ? now : deal.UpdateTime;
        Remove(byUpdate, (deal.UpdateTime.UtcTicks, deal.Id));
        deal.UpdateTime = updated;
        Insert(byUpdate, (updated.UtcTicks, deal.Id));
    }

    /// <summary>The last activity is the latest done one, the next the earliest one not done, as Pipedrive keeps them on the deal.</summary>
    private void RefreshActivityLinks(PipedriveDealRow deal)
    {
        var linked = ActivitiesOf(deal.Id).Select(id => activities[(int)id - 1]).ToList();
        deal.LastActivityId = linked.Where(a => a.Done).OrderByDescending(a => a.DueAt).ThenByDescending(a => a.Id).FirstOrDefault()?.Id;
        deal.NextActivityId = linked.Where(a => !a.Done).OrderBy(a => a.DueAt).ThenBy(a => a.Id).FirstOrDefault()?.Id;
    }

    private void Link(long dealId, long activityId)
    {
        if (!activitiesByDeal.TryGetValue(dealId, out var ids))
        {
            ids = [];
            activitiesByDeal[dealId] = ids;
        }

        if (!ids.Contains(activityId))
        {
            ids.Add(activityId);
        }
    }

    private void Seed(SandboxDataset dataset)
    {
        var website = PipedriveSchema.OrganizationKey(PipedriveSchema.WebsiteName);
        var inn = PipedriveSchema.OrganizationKey(PipedriveSchema.InnName);
        var industry = PipedriveSchema.OrganizationKey(PipedriveSchema.IndustryName);
        var phone = PipedriveSchema.OrganizationKey(PipedriveSchema.PhoneName);
        foreach (var company in dataset.Companies)
        {
            var row = new PipedriveOrganizationRow
            {
                Id = organizations.Count + 1,
                Name = company.Name,
                OwnerId = Users[0].Id,
                AddTime = Seconds(company.CreatedAt),
                UpdateTime = Seconds(company.UpdatedAt),
                DatasetKey = company.Key,
            };
            row.CustomFields[website] = company.Website;
            row.CustomFields[inn] = company.Inn;
            row.CustomFields[industry] = company.Industry;
            row.CustomFields[phone] = company.Phone;
            organizations.Add(row);
            organizationIds[company.Key] = row.Id;
        }

        var role = PipedriveSchema.PersonKey(PipedriveSchema.BuyingRoleName);
        foreach (var contact in dataset.Contacts)
        {
            var row = new PipedrivePersonRow
            {
                Id = persons.Count + 1,
                FirstName = contact.FirstName,
                LastName = contact.LastName,
                OrgId = organizationIds[contact.CompanyKey],
                OwnerId = Users[0].Id,
                Email = contact.Email,
                Phone = contact.Phone,
                JobTitle = contact.Position,
                AddTime = Seconds(contact.CreatedAt),
                UpdateTime = Seconds(contact.UpdatedAt),
                DatasetKey = contact.Key,
            };
            row.CustomFields[role] = PipedriveSchema.RoleOptionId(contact.Role);
            persons.Add(row);
            personIds[contact.Key] = row.Id;
        }

        var source = PipedriveSchema.DealField(PipedriveSchema.SourceName);
        foreach (var seeded in dataset.Deals)
        {
            var deal = new PipedriveDealRow
            {
                Id = deals.Count + 1,
                Title = seeded.Name,
                OwnerId = userIds[seeded.OwnerKey],
                CreatorUserId = userIds[seeded.OwnerKey],
                PipelineId = Pipelines.Single(p => p.DatasetKey == seeded.PipelineKey).Id,
                StageId = stageIds[(seeded.PipelineKey, seeded.StageKey)],
                Value = seeded.Amount ?? 0m,
                Currency = seeded.Currency,
                OrgId = seeded.CompanyKey is null ? null : organizationIds[seeded.CompanyKey],
                PersonId = seeded.ContactKeys.Count > 0 ? personIds[seeded.ContactKeys[0]] : null,
                Status = seeded.Status switch { DealStatus.Won => "won", DealStatus.Lost => "lost", _ => "open" },
                LostReason = seeded.LostReason,
                AddTime = Seconds(seeded.CreatedAt),
                UpdateTime = Seconds(seeded.UpdatedAt),
                StageChangeTime = Seconds(seeded.StageEnteredAt),
                WonTime = seeded.Status == DealStatus.Won ? Seconds(seeded.ClosedAt) : null,
                LostTime = seeded.Status == DealStatus.Lost ? Seconds(seeded.ClosedAt) : null,
                CloseTime = Seconds(seeded.ClosedAt),
                DatasetKey = seeded.Key,
            };
            deal.Participants.AddRange(seeded.ContactKeys.Skip(1).Select(k => personIds[k]));
            deal.CustomFields[source.Key] = seeded.Source is { } value ? source.Option(value)?.Id : null;
            deal.CustomFields[PipedriveSchema.DealKey(PipedriveSchema.MarkerName)] = null;
            deals.Add(deal);
            dealIds[seeded.Key] = deal.Id;
            SeedActivities(deal, seeded);
        }

        LiveDealCount = deals.Count;
        byUpdate.AddRange(deals.Select(d => (d.UpdateTime.UtcTicks, d.Id)));
        byUpdate.Sort();
    }

    private void SeedActivities(PipedriveDealRow deal, SandboxDeal seeded)
    {
        if (seeded.LastActivityAt is { } last)
        {
            var done = Seconds(last);
            AddActivity(new PipedriveActivityRow
            {
                Id = activities.Count + 1,
                Subject = "Call",
                Type = "call",
                OwnerId = deal.OwnerId,
                DealId = deal.Id,
                DueAt = done,
                Done = true,
                MarkedAsDoneTime = done,
                AddTime = Seconds(seeded.CreatedAt),
            });
        }

        if (seeded.NextActivityAt is { } next)
        {
            AddActivity(new PipedriveActivityRow
            {
                Id = activities.Count + 1,
                Subject = "Follow up",
                Type = "task",
                OwnerId = deal.OwnerId,
                DealId = deal.Id,
                DueAt = Seconds(next),
                AddTime = Seconds(seeded.UpdatedAt),
            });
        }
    }

    private static int LowerBound<T>(List<T> list, T value)
    {
        var index = list.BinarySearch(value);
        return index >= 0 ? index : ~index;
    }

    private static void Insert<T>(List<T> list, T value) => list.Insert(LowerBound(list, value), value);

    private static void Remove<T>(List<T> list, T value)
    {
        var index = list.BinarySearch(value);
        if (index >= 0)
        {
            list.RemoveAt(index);
        }
    }
}
