using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>The REST methods the sandbox portal serves, with Bitrix24's paging, shapes and write rules.</summary>
internal sealed partial class Bitrix24Portal
{
    private const int PageSize = 50;

    private static readonly Dictionary<string, string> DealFieldTypes = new(StringComparer.Ordinal)
    {
        ["title"] = "string", ["categoryId"] = "long", ["stageId"] = "string", ["opportunity"] = "decimal", ["currencyId"] = "string",
        ["assignedById"] = "long", ["companyId"] = "long", ["contactIds"] = "longs", ["closedate"] = "time",
        [Bitrix24Schema.SourceField] = "string", [Bitrix24Schema.LossReasonField] = "enum", [Bitrix24Schema.MarkerField] = "string",
    };

    public Bitrix24MethodResult Call(string method, JsonObject p) => method.ToLowerInvariant() switch
    {
        "crm.item.list" => ItemList(p),
        "crm.item.get" => ItemGet(p),
        "crm.item.add" => ItemAdd(p),
        "crm.item.update" => ItemUpdate(p),
        "crm.item.delete" => ItemDelete(p),
        "crm.item.fields" => new(Bitrix24Fields.Describe(Bitrix24Params.RequiredLong(p, "entityTypeId"), Bitrix24Params.Scalar(Bitrix24Params.Get(p, "useOriginalUfNames")) == "Y")),
        "crm.category.list" => CategoryList(p),
        "crm.status.list" => StatusList(p),
        "user.get" => UserGet(p),
        "crm.activity.list" => ActivityList(p),
        "crm.activity.todo.add" => TodoAdd(p),
        "crm.timeline.comment.add" => CommentAdd(p),
        "crm.timeline.comment.list" => CommentList(p),
        "crm.deal.contact.items.get" => DealContacts(p),
        _ => throw new Bitrix24SandboxException(404, "ERROR_METHOD_NOT_FOUND", "Method not found!"),
    };

    private Bitrix24MethodResult ItemList(JsonObject p)
    {
        var table = Table(Bitrix24Params.RequiredLong(p, "entityTypeId"));
        var filter = new Bitrix24Filter(Bitrix24Params.Get(p, "filter"));
        var descending = Bitrix24Params.Get(p, "order") is JsonObject order
            && order.Any(o => string.Equals(o.Key, "id", StringComparison.OrdinalIgnoreCase) && string.Equals(Bitrix24Params.Scalar(o.Value), "DESC", StringComparison.OrdinalIgnoreCase));
        var select = Select(p);
        var candidates = filter.IdsIn is { } ids ? ids.Select(table.Find).OfType<Bitrix24Record>()
            : descending ? table.Live.Reverse()
            : table.From(filter.AfterId);
        var (page, total, next) = Page(candidates, filter, Start(p));
        return new Bitrix24MethodResult(new JsonObject { ["items"] = new JsonArray([.. page.Select(r => (JsonNode)Bitrix24Json.Item(r, select))]) }, total, next);
    }

    private Bitrix24MethodResult ItemGet(JsonObject p)
    {
        var record = FindItem(p);
        return new(new JsonObject { ["item"] = Bitrix24Json.Item(record, null) });
    }

    private Bitrix24MethodResult ItemAdd(JsonObject p)
    {
        var entityTypeId = Bitrix24Params.RequiredLong(p, "entityTypeId");
        if (entityTypeId != Bitrix24Schema.Deal)
        {
            throw Bitrix24SandboxException.Invalid("The sandbox creates deals only.");
        }

        var fields = Bitrix24Params.Get(p, "fields") as JsonObject ?? new JsonObject();
        var categoryId = Bitrix24Params.Long(Bitrix24Params.Get(fields, "categoryId")) ?? 0;
        var category = Categories.FirstOrDefault(c => c.Id == categoryId)
            ?? throw Bitrix24SandboxException.Invalid($"Category {categoryId} does not exist.");
        var stageId = Bitrix24Params.Scalar(Bitrix24Params.Get(fields, "stageId")) ?? category.Stages[0].StatusId;
        var stage = category.Stages.FirstOrDefault(s => s.StatusId == stageId)
            ?? throw Bitrix24SandboxException.Invalid($"Stage '{stageId}' does not belong to category {categoryId}.");
        var now = Now;
        var deal = Deals.Add(null);
        deal["title"] = $"Deal #{deal.Id}";
        deal["opportunity"] = 0m;
        deal["currencyId"] = "RUB";
        deal["assignedById"] = 1L;
        deal["companyId"] = 0L;
        deal["contactIds"] = new List<long>();
        deal["createdTime"] = now;
        deal["lastActivityTime"] = now;
        deal["closedate"] = null;
        deal["closed"] = "N";
        deal[Bitrix24Schema.SourceField] = null;
        deal[Bitrix24Schema.LossReasonField] = null;
        deal[Bitrix24Schema.MarkerField] = null;
        Apply(deal, fields, except: ["categoryId", "stageId"]);
        MoveToStage(deal, stage);
        deal["movedTime"] = now;
        return new(new JsonObject { ["item"] = Bitrix24Json.Item(deal, null) });
    }

    private Bitrix24MethodResult ItemUpdate(JsonObject p)
    {
        var deal = FindItem(p);
        var fields = Bitrix24Params.Get(p, "fields") as JsonObject ?? new JsonObject();
        if (fields.ContainsKey("id"))
        {
            throw Bitrix24SandboxException.Invalid("Setting value for Primary ID is not allowed, it is read-only field");
        }

        var categoryId = Bitrix24Params.Long(Bitrix24Params.Get(fields, "categoryId")) ?? (long)deal["categoryId"]!;
        var category = Categories.FirstOrDefault(c => c.Id == categoryId)
            ?? throw Bitrix24SandboxException.Invalid($"Category {categoryId} does not exist.");
        var stageId = Bitrix24Params.Scalar(Bitrix24Params.Get(fields, "stageId"))
            ?? (categoryId == (long)deal["categoryId"]! ? (string)deal["stageId"]! : category.Stages[0].StatusId);
        var stage = category.Stages.FirstOrDefault(s => s.StatusId == stageId)
            ?? throw Bitrix24SandboxException.Invalid($"Stage '{stageId}' does not belong to category {categoryId}.");
        Apply(deal, fields, except: ["categoryId", "stageId"]);
        MoveToStage(deal, stage);
        Touch(deal);
        return new(new JsonObject { ["item"] = Bitrix24Json.Item(deal, null) });
    }

    private Bitrix24MethodResult ItemDelete(JsonObject p)
    {
        var record = FindItem(p);
        Table(Bitrix24Params.RequiredLong(p, "entityTypeId")).Delete(record);
        return new(new JsonArray());
    }

    private Bitrix24Record FindItem(JsonObject p)
    {
        var table = Table(Bitrix24Params.RequiredLong(p, "entityTypeId"));
        var id = Bitrix24Params.Long(Bitrix24Params.Get(p, "id")) ?? throw Bitrix24SandboxException.Invalid("Parameter 'id' is required.");
        return table.Find(id) ?? throw Bitrix24SandboxException.NotFound("Element not found");
    }

    /// <summary>Writes fields as the portal does; an unknown list item id is accepted and not stored, without an error.</summary>
    private static void Apply(Bitrix24Record deal, JsonObject fields, IReadOnlyCollection<string> except)
    {
        foreach (var (name, node) in fields)
        {
            if (except.Contains(name) || !DealFieldTypes.TryGetValue(name, out var type))
            {
                continue;
            }

            var text = Bitrix24Params.Scalar(node);
            deal[name] = type switch
            {
                "long" => Bitrix24Params.Long(node) ?? 0L,
                "decimal" => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) ? amount : 0m,
                "longs" => Bitrix24Params.List(node).Select(Bitrix24Params.Long).OfType<long>().Distinct().ToList(),
                "time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null,
                "enum" => Bitrix24Params.Long(node) is { } id && Bitrix24Fields.HasItem(name, id) ? id : null,
                _ => string.IsNullOrEmpty(text) ? null : text,
            };
        }
    }

    private Bitrix24MethodResult CategoryList(JsonObject p)
    {
        if (Bitrix24Params.RequiredLong(p, "entityTypeId") != Bitrix24Schema.Deal)
        {
            return new(new JsonObject { ["categories"] = new JsonArray() });
        }

        return new(new JsonObject
        {
            ["categories"] = new JsonArray([.. Categories.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["name"] = c.Name,
                ["sort"] = c.Sort,
                ["entityTypeId"] = Bitrix24Schema.Deal,
                ["isDefault"] = c.Id == 0 ? "Y" : "N",
            })]),
        });
    }

    private Bitrix24MethodResult StatusList(JsonObject p)
    {
        var filter = Bitrix24Params.Get(p, "filter") as JsonObject;
        var entityId = filter is null ? null : Bitrix24Params.Scalar(Bitrix24Params.Get(filter, "ENTITY_ID"));
        var statuses = Categories.Where(c => entityId is null || c.EntityId == entityId).SelectMany(c => c.Stages.Select(s => (c, s))).OrderBy(x => x.s.Sort);
        return new(new JsonArray([.. statuses.Select(x => (JsonNode)new JsonObject
        {
            ["ID"] = x.s.Id.ToString(CultureInfo.InvariantCulture),
            ["ENTITY_ID"] = x.c.EntityId,
            ["STATUS_ID"] = x.s.StatusId,
            ["NAME"] = x.s.Name,
            ["NAME_INIT"] = x.s.Name,
            ["SORT"] = x.s.Sort.ToString(CultureInfo.InvariantCulture),
            ["SYSTEM"] = x.s.Semantics == "P" && x.s.Sort > 10 ? "N" : "Y",
            ["CATEGORY_ID"] = x.c.Id.ToString(CultureInfo.InvariantCulture),
            ["COLOR"] = "#39A8EF",
            ["SEMANTICS"] = x.s.Semantics == "P" ? null : x.s.Semantics,
            ["EXTRA"] = new JsonObject
            {
                ["SEMANTICS"] = x.s.Semantics switch { "S" => "success", "F" => "failure", _ => "process" },
                ["COLOR"] = "#39A8EF",
            },
        })]));
    }

    private Bitrix24MethodResult UserGet(JsonObject p)
    {
        var start = Math.Max(0, Start(p));
        var users = Users.Skip(start).Take(PageSize).Select(u => (JsonNode)new JsonObject
        {
            ["ID"] = u.Id.ToString(CultureInfo.InvariantCulture),
            ["ACTIVE"] = true,
            ["NAME"] = u.Owner.FirstName,
            ["LAST_NAME"] = u.Owner.LastName,
            ["EMAIL"] = u.Owner.Email,
        });
        var next = start + PageSize < Users.Count ? start + PageSize : (int?)null;
        return new(new JsonArray([.. users]), Users.Count, next);
    }

    private Bitrix24MethodResult ActivityList(JsonObject p)
    {
        // BINDINGS (activities bound to any of several owners, as documented for reading many deals' activities at once)
        // is not a field condition: it picks the candidates, and the rest of the filter applies to them.
        var filterNode = Bitrix24Params.Get(p, "filter")?.DeepClone() as JsonObject;
        var bindings = filterNode?.FirstOrDefault(e => string.Equals(e.Key, "BINDINGS", StringComparison.OrdinalIgnoreCase));
        if (bindings?.Key is { } bindingsKey)
        {
            filterNode!.Remove(bindingsKey);
        }

        var filter = new Bitrix24Filter(filterNode);
        var byDeadline = Bitrix24Params.Get(p, "order") is JsonObject order && order.ContainsKey("DEADLINE");
        IEnumerable<Bitrix24Record> candidates = bindings?.Key is not null
            ? BoundActivities(bindings.Value.Value, filter.AfterId)
            : filter.EqualsLong("OWNER_ID") is { } owner
                ? ActivitiesOf(owner)
                : Activities.From(filter.AfterId);
        if (byDeadline)
        {
            candidates = candidates.OrderBy(a => a["DEADLINE"] as DateTimeOffset? ?? DateTimeOffset.MaxValue);
        }
        var select = Select(p);
        var (page, total, next) = Page(candidates, filter, Start(p));
        return new(new JsonArray([.. page.Select(a => (JsonNode)Bitrix24Json.Legacy(a, select))]), total, next);
    }

    /// <summary>The activities of the deals a BINDINGS filter names (<c>[{OWNER_TYPE_ID, OWNER_ID}, ...]</c>), by id, after <paramref name="afterId"/>.</summary>
    private IEnumerable<Bitrix24Record> BoundActivities(JsonNode? bindings, long afterId)
    {
        var owners = Bitrix24Params.List(bindings)
            .OfType<JsonObject>()
            .Where(b => Bitrix24Params.Long(Bitrix24Params.Get(b, "OWNER_TYPE_ID")) == Bitrix24Schema.Deal)
            .Select(b => Bitrix24Params.Long(Bitrix24Params.Get(b, "OWNER_ID")))
            .OfType<long>()
            .Distinct();
        return owners.SelectMany(ActivitiesOf).Where(a => a.Id > afterId).OrderBy(a => a.Id).ToList();
    }

    private Bitrix24MethodResult TodoAdd(JsonObject p)
    {
        var ownerTypeId = Bitrix24Params.RequiredLong(p, "ownerTypeId");
        var ownerId = Bitrix24Params.RequiredLong(p, "ownerId");
        if (ownerTypeId != Bitrix24Schema.Deal || Deals.Find(ownerId) is null)
        {
            throw Bitrix24SandboxException.NotFound($"Owner {ownerTypeId}/{ownerId} not found");
        }

        var deadlineText = Bitrix24Params.Scalar(Bitrix24Params.Get(p, "deadline"));
        if (!DateTimeOffset.TryParse(deadlineText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
        {
            throw Bitrix24SandboxException.Invalid("Parameter 'deadline' must be a date and time.");
        }

        var activity = AddActivity(
            ownerId,
            Bitrix24Params.Long(Bitrix24Params.Get(p, "responsibleId")) ?? 1,
            Bitrix24Params.Scalar(Bitrix24Params.Get(p, "title")) ?? "",
            Bitrix24Params.Scalar(Bitrix24Params.Get(p, "description")),
            deadline,
            completed: false);
        return new(new JsonObject { ["id"] = activity.Id });
    }

    private Bitrix24MethodResult CommentAdd(JsonObject p)
    {
        var fields = Bitrix24Params.Get(p, "fields") as JsonObject ?? throw Bitrix24SandboxException.Invalid("Parameter 'fields' is required.");
        var entityType = Bitrix24Params.Scalar(Bitrix24Params.Get(fields, "ENTITY_TYPE"));
        var entityId = Bitrix24Params.Long(Bitrix24Params.Get(fields, "ENTITY_ID")) ?? 0;
        if (!string.Equals(entityType, "deal", StringComparison.OrdinalIgnoreCase) || Deals.Find(entityId) is null)
        {
            throw Bitrix24SandboxException.NotFound($"Entity {entityType}/{entityId} not found");
        }

        var comment = Bitrix24Params.Scalar(Bitrix24Params.Get(fields, "COMMENT"));
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw Bitrix24SandboxException.Invalid("Field 'COMMENT' is required.");
        }

        AddComment(entityId, comment);
        return new(JsonValue.Create(LastCommentId));
    }

    private Bitrix24MethodResult DealContacts(JsonObject p)
    {
        var deal = Deals.Find(Bitrix24Params.RequiredLong(p, "id")) ?? throw Bitrix24SandboxException.NotFound("Deal not found");
        var ids = deal["contactIds"] as List<long> ?? [];
        return new(new JsonArray([.. ids.Select((id, i) => (JsonNode)new JsonObject
        {
            ["CONTACT_ID"] = id,
            ["SORT"] = (i + 1) * 10,
            ["ROLE_ID"] = 0,
            ["IS_PRIMARY"] = i == 0 ? "Y" : "N",
        })]));
    }

    /// <summary>One page of 50; <c>start=-1</c> skips counting the total (the fast way), <c>start&gt;=0</c> counts it, as the portal does.</summary>
    private static (List<Bitrix24Record> Page, int? Total, int? Next) Page(IEnumerable<Bitrix24Record> candidates, Bitrix24Filter filter, int start)
    {
        var matching = candidates.Where(filter.Matches);
        if (start < 0)
        {
            return ([.. matching.Take(PageSize)], null, null);
        }

        var all = matching.ToList();
        var page = all.Skip(start).Take(PageSize).ToList();
        return (page, all.Count, start + PageSize < all.Count ? start + PageSize : null);
    }

    private static int Start(JsonObject p) =>
        (int)(Bitrix24Params.Long(Bitrix24Params.Get(p, "start")) ?? 0);

    private static IReadOnlyList<string>? Select(JsonObject p)
    {
        var select = Bitrix24Params.List(Bitrix24Params.Get(p, "select")).Select(Bitrix24Params.Scalar).OfType<string>().ToList();
        return select.Count == 0 || select.Contains("*") ? null : select;
    }
}
