using System.Globalization;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>
/// The state of the sandbox Bitrix24 portal: deal categories and stages, users, deals, companies, contacts, activities
/// and timeline comments, plus the rules the portal applies on writes. Callers hold <see cref="Gate"/>.
/// </summary>
internal sealed partial class Bitrix24Portal
{
    private readonly Func<DateTimeOffset> clock;
    private readonly Dictionary<string, long> dealIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> companyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> contactIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> userIds = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<Bitrix24Record>> activitiesByDeal = [];
    private long nextMultifieldId = 1;
    private long nextCommentId = 1;

    public Bitrix24Portal(SandboxDataset dataset, Func<DateTimeOffset> clock)
    {
        this.clock = clock;
        Categories =
        [
            .. dataset.Pipelines.Select(p =>
            {
                var id = Bitrix24Schema.CategoryId(p.Key);
                return new Bitrix24Category(id, p.Name, (p.Order + 1) * 100, [.. p.Stages.Select((s, i) => new Bitrix24Stage(
                    (id * 1000) + i + 1, Bitrix24Schema.StageId(p.Key, s.Key), s.Name, (s.Order + 1) * 10, id, Bitrix24Schema.Semantics(s.Outcome)))]);
            }),
        ];
        Users = [.. dataset.Owners.Select((o, i) => (Id: (long)(i + 1), Owner: o))];
        foreach (var (id, owner) in Users)
        {
            userIds[owner.Key] = id;
        }

        Seed(dataset);
    }

    public Lock Gate { get; } = new();

    public IReadOnlyList<Bitrix24Category> Categories { get; }

    public IReadOnlyList<(long Id, SandboxOwner Owner)> Users { get; }

    public Bitrix24Table Deals { get; } = new(1);

    public Bitrix24Table Companies { get; } = new(1);

    public Bitrix24Table Contacts { get; } = new(1);

    public Bitrix24Table Activities { get; } = new(1);

    public List<(long Id, long DealId, string Comment, DateTimeOffset Created)> Comments { get; } = [];

    public DateTimeOffset Now => clock();

    public long? DealId(string key) => dealIds.TryGetValue(key, out var id) ? id : null;

    public long? CompanyId(string key) => companyIds.TryGetValue(key, out var id) ? id : null;

    public long? ContactId(string key) => contactIds.TryGetValue(key, out var id) ? id : null;

    public long? UserId(string key) => userIds.TryGetValue(key, out var id) ? id : null;

    public Bitrix24Table Table(long entityTypeId) => entityTypeId switch
    {
        Bitrix24Schema.Deal => Deals,
        Bitrix24Schema.Company => Companies,
        Bitrix24Schema.Contact => Contacts,
        _ => throw new Bitrix24SandboxException(400, "NOT_FOUND", $"Smart process with entityTypeId {entityTypeId} not found"),
    };

    public Bitrix24Stage? FindStage(string stageId) =>
        Categories.SelectMany(c => c.Stages).FirstOrDefault(s => s.StatusId == stageId);

    /// <summary>Moves a deal to a stage, as the portal does on any stage change: stage, semantics, moved and modified times, closed flag.</summary>
    public void MoveToStage(Bitrix24Record deal, Bitrix24Stage stage)
    {
        var now = Now;
        if (!string.Equals(deal["stageId"] as string, stage.StatusId, StringComparison.Ordinal))
        {
            deal["previousStageId"] = deal["stageId"];
            deal["movedTime"] = now;
        }

        deal["categoryId"] = stage.CategoryId;
        deal["stageId"] = stage.StatusId;
        deal["stageSemanticId"] = stage.Semantics;
        var closed = stage.Semantics != "P";
        if (closed && deal["closed"] as string != "Y")
        {
            deal["closedate"] = now;
        }

        deal["closed"] = closed ? "Y" : "N";
        deal["updatedTime"] = now;
    }

    /// <summary>The live activities of a deal, by id.</summary>
    public IEnumerable<Bitrix24Record> ActivitiesOf(long dealId) =>
        activitiesByDeal.TryGetValue(dealId, out var list) ? list.Where(a => !a.Deleted) : [];

    public void Touch(Bitrix24Record record) => record["updatedTime"] = Now;

    public void AddComment(long dealId, string comment) => Comments.Add((nextCommentId++, dealId, comment, Now));

    public long LastCommentId => nextCommentId - 1;

    private void Seed(SandboxDataset dataset)
    {
        foreach (var company in dataset.Companies)
        {
            var record = Companies.Add(company.Key);
            companyIds[company.Key] = record.Id;
            record["title"] = company.Name;
            var fm = new List<Bitrix24Multifield>();
            if (company.Website is not null)
            {
                fm.Add(new Bitrix24Multifield(nextMultifieldId++, "WEB", "WORK", company.Website));
            }

            if (company.Phone is not null)
            {
                fm.Add(new Bitrix24Multifield(nextMultifieldId++, "PHONE", "WORK", company.Phone));
            }

            record["fm"] = fm;
            record["industry"] = company.Industry;
            record[Bitrix24Schema.InnField] = company.Inn;
            record["createdTime"] = company.CreatedAt;
            record["updatedTime"] = company.UpdatedAt;
        }

        foreach (var contact in dataset.Contacts)
        {
            var record = Contacts.Add(contact.Key);
            contactIds[contact.Key] = record.Id;
            record["name"] = contact.FirstName;
            record["lastName"] = contact.LastName;
            record["post"] = contact.Position;
            var fm = new List<Bitrix24Multifield>();
            if (contact.Email is not null)
            {
                fm.Add(new Bitrix24Multifield(nextMultifieldId++, "EMAIL", "WORK", contact.Email));
            }

            if (contact.Phone is not null)
            {
                fm.Add(new Bitrix24Multifield(nextMultifieldId++, "PHONE", "WORK", contact.Phone));
            }

            record["fm"] = fm;
            var companyId = companyIds[contact.CompanyKey];
            record["companyId"] = companyId;
            record["companyIds"] = new List<long> { companyId };
            record[Bitrix24Schema.RoleField] = Bitrix24Schema.RoleItems.Where(r => r.Role == contact.Role).Select(r => (long?)long.Parse(r.Id, CultureInfo.InvariantCulture)).FirstOrDefault();
            record["createdTime"] = contact.CreatedAt;
            record["updatedTime"] = contact.UpdatedAt;
        }

        foreach (var deal in dataset.Deals)
        {
            var record = Deals.Add(deal.Key);
            dealIds[deal.Key] = record.Id;
            var stageId = Bitrix24Schema.StageId(deal.PipelineKey, deal.StageKey);
            var stage = FindStage(stageId)!;
            record["title"] = deal.Name;
            record["categoryId"] = stage.CategoryId;
            record["stageId"] = stageId;
            record["stageSemanticId"] = stage.Semantics;
            record["opportunity"] = deal.Amount;
            record["currencyId"] = deal.Currency;
            record["assignedById"] = userIds[deal.OwnerKey];
            record["companyId"] = deal.CompanyKey is null ? 0L : companyIds[deal.CompanyKey];
            record["contactIds"] = deal.ContactKeys.Select(k => contactIds[k]).ToList();
            record["createdTime"] = deal.CreatedAt;
            record["updatedTime"] = deal.UpdatedAt;
            record["movedTime"] = deal.StageEnteredAt;
            record["lastActivityTime"] = deal.LastActivityAt;
            record["closedate"] = deal.ClosedAt;
            record["closed"] = deal.Status == DealStatus.Open ? "N" : "Y";
            record[Bitrix24Schema.SourceField] = deal.Source;
            record[Bitrix24Schema.LossReasonField] = deal.LostReason is null ? null
                : Bitrix24Schema.LossReasonItems.Where(r => r.Label == deal.LostReason).Select(r => (long?)long.Parse(r.Id, CultureInfo.InvariantCulture)).FirstOrDefault();
            record[Bitrix24Schema.MarkerField] = null;

            if (deal.LastActivityAt is { } last)
            {
                AddActivity(record.Id, userIds[deal.OwnerKey], "Call", null, last, completed: true);
            }

            if (deal.NextActivityAt is { } next)
            {
                AddActivity(record.Id, userIds[deal.OwnerKey], "Follow up", null, next, completed: false);
            }
        }
    }

    public Bitrix24Record AddActivity(long dealId, long responsibleId, string subject, string? description, DateTimeOffset deadline, bool completed)
    {
        var activity = Activities.Add(null);
        activity["OWNER_TYPE_ID"] = (long)Bitrix24Schema.Deal;
        activity["OWNER_ID"] = dealId;
        activity["TYPE_ID"] = 6L;
        activity["SUBJECT"] = subject;
        activity["DESCRIPTION"] = description;
        activity["RESPONSIBLE_ID"] = responsibleId;
        activity["DEADLINE"] = deadline;
        activity["COMPLETED"] = completed ? "Y" : "N";
        if (!activitiesByDeal.TryGetValue(dealId, out var list))
        {
            list = [];
            activitiesByDeal[dealId] = list;
        }

        list.Add(activity);
        return activity;
    }
}
