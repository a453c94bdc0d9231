using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Api;
using CrmBridge.Adapters.Bitrix24.Http;
using CrmBridge.Adapters.Bitrix24.Mapping;
using CrmBridge.Adapters.Bitrix24.Models;
using CrmBridge.Adapters.Bitrix24.Paging;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Refit;

namespace CrmBridge.Adapters.Bitrix24;

/// <summary>
/// Bitrix24 REST (<c>crm.item.*</c>, deals are entity type 2) for one connection. Deals are listed the fast way
/// (ordered by id, <c>&gt;id</c>, <c>start=-1</c>, 50 per call); everything that would be one call per record
/// (companies, contacts, contact links, next activities, stages, a write and its read-back) goes through
/// <c>batch</c>, 50 sub-calls per request. A page's next activities (one <c>crm.activity.list</c> over the page's
/// deals) travel in one batch with the next page's list call, so a page of deals costs one request. Deletions have
/// no feed: a full sync's reconciliation finds them.
/// </summary>
internal sealed partial class Bitrix24Adapter : ICrmAdapter
{
    private const string ListEndpoint = "POST /crm.item.list.json";
    private const string ActivitiesKey = "activities";
    private const string NextPageKey = "nextPage";

    private static readonly CrmCapabilities Bitrix24Capabilities = new()
    {
        MaxPageSize = Bitrix24Limits.PageSize,
        MaxBatchReadSize = Bitrix24Limits.MaxBatchReadSize,
        SupportsIncremental = true,
        HasRemovedDealsFeed = false,
        ReportsStageEnteredAt = true,
        ReportsLastActivity = true,
        ReportsNextActivity = true,
        StatusOnDeal = false,
    };

    private readonly ConnectionOptions _connection;
    private readonly Bitrix24Options _options;
    private readonly TimeProvider _time;
    private readonly IBitrix24ItemsApi _items;
    private readonly IBitrix24PipelinesApi _pipelines;
    private readonly IBitrix24UsersApi _users;
    private readonly IBitrix24BatchApi _batch;
    private readonly IBitrix24TimelineApi _timeline;
    private Bitrix24Mapper? _mapper;
    private Dictionary<string, Bitrix24Field>? _dealFields;
    private Dictionary<string, Bitrix24StageInfo>? _stages;
    private TimeSpan? _portalOffset;
    private PrefetchedPage? _prefetched;

    public Bitrix24Adapter(ConnectionOptions connection, CrmHttpConnection http, Bitrix24Options options, TimeProvider time)
    {
        _connection = connection;
        _options = options;
        _time = time;
        Connection = connection.Name;
        var settings = http.CreateRefitSettings(Bitrix24JsonContext.Default);
        _items = RestService.ForGenerated<IBitrix24ItemsApi>(http.Client, settings);
        _pipelines = RestService.ForGenerated<IBitrix24PipelinesApi>(http.Client, settings);
        _users = RestService.ForGenerated<IBitrix24UsersApi>(http.Client, settings);
        _batch = RestService.ForGenerated<IBitrix24BatchApi>(http.Client, settings);
        _timeline = RestService.ForGenerated<IBitrix24TimelineApi>(http.Client, settings);
    }

    public CrmKind Kind => CrmKind.Bitrix24;

    public string Connection { get; }

    public CrmCapabilities Capabilities => Bitrix24Capabilities;

    public async Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken)
    {
        var (pipelines, _) = await LoadPipelinesAsync(cancellationToken);
        return pipelines;
    }

    public async Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken)
    {
        var owners = new List<Owner>();
        int? start = 0;
        while (start is { } offset)
        {
            var page = Seen(await _users.GetAsync(new JsonObject { ["start"] = offset }, cancellationToken), "POST /user.get.json");
            owners.AddRange((page.Result ?? []).Select(u => Bitrix24Mapper.MapOwner(Connection, u)));
            start = page.Next is { } next && next > offset ? next : null;
        }

        return owners;
    }

    public async Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(cancellationToken);
        var fields = _dealFields ?? await LoadDealFieldsAsync(cancellationToken);
        return [.. fields.Select(f => mapper.MapFieldDefinition(f.Key, f.Value))];
    }

    public async Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var afterId = request.PageToken is null ? 0 : Bitrix24PageToken.Decode(request.PageToken);
        var mapper = await MapperAsync(cancellationToken);
        var filter = new JsonObject();
        if (afterId > 0)
        {
            filter[">id"] = afterId;
        }

        if (request.ModifiedSince is { } since)
        {
            filter[">=updatedTime"] = Bitrix24Values.FormatTime(since, _portalOffset ?? TimeSpan.Zero);
        }

        // The previous page's batch may have read this page already; the key is the whole request, so a resumed or
        // different run never takes it.
        var prefetched = _prefetched;
        _prefetched = null;
        var items = prefetched is not null && prefetched.AfterId == afterId && prefetched.ModifiedSince == request.ModifiedSince
            ? prefetched.Items
            : Seen(await _items.ListAsync(ListParameters(Bitrix24Limits.DealEntityTypeId, mapper.DealSelect, filter), cancellationToken), ListEndpoint)
                .Result?.Items ?? [];
        var lastId = items.Select(i => Bitrix24Values.Id(Bitrix24Values.Get(i, "id", "ID"))).Select(ParseId).DefaultIfEmpty(afterId).Max();
        var full = items.Count >= Bitrix24Limits.PageSize;
        JsonObject? nextPage = null;
        if (full && _options.ReadNextActivity)
        {
            var nextFilter = filter.DeepClone().AsObject();
            nextFilter[">id"] = lastId;
            nextPage = ListParameters(Bitrix24Limits.DealEntityTypeId, mapper.DealSelect, nextFilter);
        }

        var (deals, skipped, nextItems) = await MapDealsAsync(items, nextPage, cancellationToken);
        string? next = null;
        if (full && nextItems is null)
        {
            next = Bitrix24PageToken.Encode(lastId);
        }
        else if (nextItems is { Count: > 0 })
        {
            _prefetched = new PrefetchedPage(lastId, request.ModifiedSince, nextItems);
            next = Bitrix24PageToken.Encode(lastId);
        }

        // A full page followed by an empty one was the last: the read-ahead proved it without another request.
        return new DealPage(deals, next, skipped);
    }

    /// <summary>Bitrix24 has no feed of removed deals (<see cref="CrmCapabilities.HasRemovedDealsFeed"/> is false): a full sync reconciles them.</summary>
    public Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken) =>
        Task.FromResult(new RemovedDealsPage([], null));

    public async Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(cancellationToken);
        var items = await ListByIdsAsync(Bitrix24Limits.CompanyEntityTypeId, ids, mapper.SelectAll("company"), cancellationToken);
        return [.. items.Select(mapper.MapCompany)];
    }

    public async Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(cancellationToken);
        var items = await ListByIdsAsync(Bitrix24Limits.ContactEntityTypeId, ids, mapper.SelectAll("contact"), cancellationToken);
        return [.. items.Select(mapper.MapContact)];
    }

    public async Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var mapper = await MapperAsync(cancellationToken);
        var field = mapper.Catalog.Find(CanonicalFields.DealMarker)
            ?? throw new CrmValidationException(Kind, Connection, ListEndpoint,
                $"FieldMap has no {CanonicalFields.DealMarker}: map it to a string user field (UF_CRM_*) that holds CrmBridge's idempotency marker.");
        var filter = new JsonObject { [field.Code] = marker };
        var page = Seen(await _items.ListAsync(ListParameters(Bitrix24Limits.DealEntityTypeId, mapper.DealSelect, filter), cancellationToken), ListEndpoint);
        var found = page.Result?.Items?.FirstOrDefault();
        return found is null ? null : await MapOneAsync(found, ListEndpoint, nextActivity: null, lookUpNextActivity: true, cancellationToken);
    }

    public async Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        const string Endpoint = "batch crm.item.add";
        var mapper = await MapperAsync(cancellationToken);
        var fields = Fields(() => mapper.ToFields(deal), Endpoint);
        var add = new JsonObject { ["entityTypeId"] = Bitrix24Limits.DealEntityTypeId, ["useOriginalUfNames"] = "Y", ["fields"] = fields.DeepClone() };

        // The write and its read-back travel in one request; the read-back names the new id through batch's $result reference.
        var reply = await BatchAsync(
            [("add", Bitrix24Query.Command("crm.item.add", add)), ("get", GetCommand("$result[add][item][id]"))],
            write: true,
            cancellationToken);
        ThrowIfFailed(reply, "add", "crm.item.add");
        ThrowIfFailed(reply, "get", "crm.item.get");
        var stored = Item(reply.Results["get"], "crm.item.get");
        VerifyListWrites(mapper, fields, stored, Endpoint);
        return await MapOneAsync(stored, Endpoint, nextActivity: null, lookUpNextActivity: false, cancellationToken);
    }

    public async Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        const string Endpoint = "batch crm.item.update";
        var mapper = await MapperAsync(cancellationToken);
        var fields = Fields(() => mapper.ToFields(update), Endpoint);
        var parameters = new JsonObject
        {
            ["entityTypeId"] = Bitrix24Limits.DealEntityTypeId,
            ["id"] = Bitrix24Values.IdNode(update.DealId),
            ["useOriginalUfNames"] = "Y",
            ["fields"] = fields.DeepClone(),
        };
        var commands = new List<(string, string)>
        {
            ("update", Bitrix24Query.Command("crm.item.update", parameters)),
            ("get", GetCommand(update.DealId)),
        };
        if (_options.ReadNextActivity)
        {
            commands.Add(("activity", NextActivityCommand(update.DealId)));
        }

        var reply = await BatchAsync(commands, write: true, cancellationToken);
        ThrowIfFailed(reply, "update", "crm.item.update");
        ThrowIfFailed(reply, "get", "crm.item.get");
        var stored = Item(reply.Results["get"], "crm.item.get");
        VerifyListWrites(mapper, fields, stored, Endpoint);
        var next = reply.Results.TryGetValue("activity", out var activities) ? EarliestDeadline(activities) : null;
        return await MapOneAsync(stored, Endpoint, next, lookUpNextActivity: false, cancellationToken);
    }

    public async Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        await PortalOffsetAsync(cancellationToken);
        var parameters = new JsonObject
        {
            ["ownerTypeId"] = Bitrix24Limits.DealEntityTypeId,
            ["ownerId"] = Bitrix24Values.IdNode(task.DealId),
            ["deadline"] = Bitrix24Values.FormatTime(task.DueAt, _portalOffset ?? TimeSpan.Zero),
            ["title"] = task.Subject,
        };
        if (task.Body is not null)
        {
            parameters["description"] = task.Body;
        }

        if (task.OwnerId is not null)
        {
            parameters["responsibleId"] = Bitrix24Values.IdNode(task.OwnerId);
        }

        const string Endpoint = "POST /crm.activity.todo.add.json";
        var response = Seen(await _timeline.AddTodoAsync(parameters, cancellationToken), Endpoint);
        var id = NewId(response.Result, Endpoint);
        return new CrmTask(Connection, id, task.DealId, task.OwnerId, task.Subject, task.Body, task.DueAt, IsCompleted: false);
    }

    public async Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        var parameters = new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["ENTITY_ID"] = Bitrix24Values.IdNode(note.DealId),
                ["ENTITY_TYPE"] = "deal",
                ["COMMENT"] = note.Body,
            },
        };
        const string Endpoint = "POST /crm.timeline.comment.add.json";
        var response = Seen(await _timeline.AddCommentAsync(parameters, cancellationToken), Endpoint);
        return new Note(Connection, NewId(response.Result, Endpoint), note.DealId, note.Body, _time.GetUtcNow());
    }

    /// <summary>Maps a page of deals; <paramref name="nextPage"/>, when given, is the next page's list call, read in the same batch as this page's next activities.</summary>
    private async Task<(List<Deal> Deals, List<SkippedRecord> Skipped, List<Dictionary<string, JsonElement>>? NextItems)> MapDealsAsync(
        IReadOnlyList<Dictionary<string, JsonElement>> items, JsonObject? nextPage, CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(cancellationToken);
        var stages = await StagesAsync(items, cancellationToken);
        var ids = items.Select(i => Bitrix24Values.Id(Bitrix24Values.Get(i, "id", "ID"))).OfType<string>().ToList();

        // Portals that leave contactIds out of list answers get the links of those deals in one batch per 50 deals.
        var withoutLinks = items.Where(i => !i.ContainsKey("contactIds")).Select(i => Bitrix24Values.Id(Bitrix24Values.Get(i, "id", "ID"))).OfType<string>().ToList();
        var links = await ContactLinksAsync(withoutLinks, cancellationToken);
        var (next, nextItems) = _options.ReadNextActivity
            ? await NextActivitiesAsync(ids, nextPage, cancellationToken)
            : ([], null);

        var deals = new List<Deal>(items.Count);
        var skipped = new List<SkippedRecord>();
        foreach (var item in items)
        {
            var id = Bitrix24Values.Id(Bitrix24Values.Get(item, "id", "ID")) ?? "";
            var result = mapper.MapDeal(item, stages, links.GetValueOrDefault(id), next.GetValueOrDefault(id));
            if (result.Deal is { } deal)
            {
                deals.Add(deal);
            }
            else
            {
                skipped.Add(new SkippedRecord("deal", id, result.SkipReason ?? "could not be mapped"));
            }
        }

        return (deals, skipped, nextItems);
    }

    private async Task<Deal> MapOneAsync(
        Dictionary<string, JsonElement> item, string endpoint, DateTimeOffset? nextActivity, bool lookUpNextActivity, CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(cancellationToken);
        var stages = await StagesAsync([item], cancellationToken);
        var id = Bitrix24Values.Id(Bitrix24Values.Get(item, "id", "ID")) ?? "";
        var links = item.ContainsKey("contactIds") ? null : (await ContactLinksAsync([id], cancellationToken)).GetValueOrDefault(id);
        var next = nextActivity;
        if (lookUpNextActivity && _options.ReadNextActivity)
        {
            next = (await NextActivitiesAsync([id], nextPage: null, cancellationToken)).Next.GetValueOrDefault(id);
        }

        var result = mapper.MapDeal(item, stages, links, next);
        return result.Deal ?? throw new CrmResponseException(Kind, Connection, endpoint, $"deal {id} cannot be read: {result.SkipReason}");
    }

    /// <summary>Stage names and outcomes; loaded once, and again once when a deal names a stage not seen yet (a new pipeline).</summary>
    private async Task<Dictionary<string, Bitrix24StageInfo>> StagesAsync(IEnumerable<Dictionary<string, JsonElement>> items, CancellationToken cancellationToken)
    {
        if (_stages is null || items.Any(i => Bitrix24Values.String(Bitrix24Values.Get(i, "stageId", "STAGE_ID")) is { } stage && !_stages.ContainsKey(stage)))
        {
            await LoadPipelinesAsync(cancellationToken);
        }

        return _stages!;
    }

    private async Task<(List<Pipeline> Pipelines, Dictionary<string, Bitrix24StageInfo> Stages)> LoadPipelinesAsync(CancellationToken cancellationToken)
    {
        const string Endpoint = "POST /crm.category.list.json";
        var response = Seen(
            await _pipelines.ListCategoriesAsync(new JsonObject { ["entityTypeId"] = Bitrix24Limits.DealEntityTypeId }, cancellationToken),
            Endpoint);
        var categories = response.Result?.Categories ?? [];
        if (!categories.Any(c => c.Id == 0))
        {
            categories.Insert(0, new Bitrix24Category { Id = 0, Name = "General", Sort = 0 });
        }

        // Category 0 keeps its stages under DEAL_STAGE, the others under DEAL_STAGE_{id}: one batch reads them all, and
        // the field definitions the field map needs ride along when the mapper is not built yet.
        var commands = categories.Select(c => (Key: Key(c), Command: Bitrix24Query.Command("crm.status.list", new JsonObject
        {
            ["filter"] = new JsonObject { ["ENTITY_ID"] = c.Id == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{c.Id.ToString(CultureInfo.InvariantCulture)}" },
            ["order"] = new JsonObject { ["SORT"] = "ASC" },
        }))).ToList();
        var fieldEntities = _mapper is null ? Bitrix24FieldCatalog.EntitiesOf(_connection.FieldMap) : [];
        commands.AddRange(FieldCommands(fieldEntities));
        var reply = await BatchAsync(commands, write: false, cancellationToken);
        if (fieldEntities.Count > 0 && fieldEntities.All(e => reply.Results.ContainsKey(FieldKey(e))))
        {
            _mapper = BuildMapper(reply, fieldEntities);
        }

        var pipelines = new List<Pipeline>();
        var stages = new Dictionary<string, Bitrix24StageInfo>(StringComparer.Ordinal);
        foreach (var category in categories.OrderBy(c => c.Sort).ThenBy(c => c.Id))
        {
            ThrowIfFailed(reply, Key(category), "crm.status.list");
            var statuses = reply.Results[Key(category)].Deserialize(Bitrix24JsonContext.Default.ListBitrix24Status) ?? [];
            var pipeline = Bitrix24Mapper.MapPipeline(Connection, category, statuses);
            pipelines.Add(pipeline);
            foreach (var stage in pipeline.Stages)
            {
                stages[stage.ExternalId] = new Bitrix24StageInfo(stage.Name, stage.Outcome);
            }
        }

        _stages = stages;
        return (pipelines, stages);

        static string Key(Bitrix24Category category) => "c" + category.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The mapper, once the field map is resolved against the portal's field definitions (one batch for every entity the map names).</summary>
    private async Task<Bitrix24Mapper> MapperAsync(CancellationToken cancellationToken)
    {
        if (_mapper is not null)
        {
            return _mapper;
        }

        var entities = Bitrix24FieldCatalog.EntitiesOf(_connection.FieldMap);
        var reply = entities.Count > 0 ? await BatchAsync(FieldCommands(entities), write: false, cancellationToken) : new Bitrix24BatchReply();
        _mapper = BuildMapper(reply, entities);
        return _mapper;
    }

    /// <summary>One <c>crm.item.fields</c> sub-call per entity the field map names.</summary>
    private static List<(string Key, string Command)> FieldCommands(IEnumerable<string> entities) =>
        [.. entities.Select(e => (FieldKey(e), Bitrix24Query.Command("crm.item.fields", new JsonObject { ["entityTypeId"] = EntityTypeId(e), ["useOriginalUfNames"] = "Y" })))];

    private static string FieldKey(string entity) => "fields_" + entity;

    private Bitrix24Mapper BuildMapper(Bitrix24BatchReply reply, IReadOnlyCollection<string> entities)
    {
        var definitions = new Dictionary<string, Dictionary<string, Bitrix24Field>>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            ThrowIfFailed(reply, FieldKey(entity), "crm.item.fields");
            definitions[entity] = reply.Results[FieldKey(entity)].Deserialize(Bitrix24JsonContext.Default.Bitrix24FieldsResult)?.Fields ?? [];
        }

        if (entities.Count > 0)
        {
            _dealFields = definitions.GetValueOrDefault("deal");
        }

        return new Bitrix24Mapper(Connection, new Bitrix24FieldCatalog(_connection.FieldMap, definitions));
    }

    private async Task<Dictionary<string, Bitrix24Field>> LoadDealFieldsAsync(CancellationToken cancellationToken)
    {
        var response = Seen(
            await _items.FieldsAsync(new JsonObject { ["entityTypeId"] = Bitrix24Limits.DealEntityTypeId, ["useOriginalUfNames"] = "Y" }, cancellationToken),
            "POST /crm.item.fields.json");
        _dealFields = response.Result?.Fields ?? [];
        return _dealFields;
    }

    private async Task PortalOffsetAsync(CancellationToken cancellationToken)
    {
        if (_portalOffset is null)
        {
            await LoadPipelinesAsync(cancellationToken);
        }
    }

    /// <summary>Companies or contacts by id: 50 ids per list sub-call, 50 sub-calls per batch request.</summary>
    private async Task<List<Dictionary<string, JsonElement>>> ListByIdsAsync(int entityTypeId, IReadOnlyCollection<string> ids, IReadOnlyList<string> select, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var method = "crm.item.list";
        var commands = ids.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Chunk(Bitrix24Limits.IdsPerListCall)
            .Select((chunk, i) => ("l" + i.ToString(CultureInfo.InvariantCulture), Bitrix24Query.Command(method, ListParameters(
                entityTypeId, select, new JsonObject { ["@id"] = new JsonArray([.. chunk.Select(Bitrix24Values.IdNode)]) }))))
            .ToList();
        var reply = await BatchAsync(commands, write: false, cancellationToken);
        var items = new List<Dictionary<string, JsonElement>>(ids.Count);
        foreach (var (key, _) in commands)
        {
            ThrowIfFailed(reply, key, method);
            items.AddRange(reply.Results[key].Deserialize(Bitrix24JsonContext.Default.Bitrix24ItemsResult)?.Items ?? []);
        }

        return items;
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> ContactLinksAsync(IReadOnlyList<string> dealIds, CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (dealIds.Count == 0)
        {
            return links;
        }

        var reply = await BatchAsync(
            [.. dealIds.Select(id => ("d" + id, Bitrix24Query.Command("crm.deal.contact.items.get", new JsonObject { ["id"] = Bitrix24Values.IdNode(id) })))],
            write: false,
            cancellationToken);
        foreach (var id in dealIds)
        {
            ThrowIfFailed(reply, "d" + id, "crm.deal.contact.items.get");
            var contacts = reply.Results["d" + id].Deserialize(Bitrix24JsonContext.Default.ListBitrix24DealContact) ?? [];
            links[id] = [.. contacts.OrderByDescending(c => c.IsPrimary == "Y").Select(c => Bitrix24Values.Id(c.ContactId)).OfType<string>().Distinct(StringComparer.Ordinal)];
        }

        return links;
    }

    /// <summary>
    /// The earliest open activity deadline of each deal, from one <c>crm.activity.list</c> over the deals' bindings
    /// (50 activities per answer, read on by id when there are more), in one batch with <paramref name="nextPage"/>'s
    /// list call when given.
    /// </summary>
    private async Task<(Dictionary<string, DateTimeOffset?> Next, List<Dictionary<string, JsonElement>>? NextItems)> NextActivitiesAsync(
        IReadOnlyList<string> dealIds, JsonObject? nextPage, CancellationToken cancellationToken)
    {
        var next = dealIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => (DateTimeOffset?)null, StringComparer.Ordinal);
        var commands = new List<(string Key, string Command)>();
        if (next.Count > 0)
        {
            commands.Add((ActivitiesKey, ActivitiesCommand(next.Keys, afterActivityId: 0)));
        }

        if (nextPage is not null)
        {
            commands.Add((NextPageKey, Bitrix24Query.Command("crm.item.list", nextPage)));
        }

        if (commands.Count == 0)
        {
            return (next, null);
        }

        var reply = await BatchAsync(commands, write: false, cancellationToken);
        List<Dictionary<string, JsonElement>>? nextItems = null;
        if (nextPage is not null)
        {
            ThrowIfFailed(reply, NextPageKey, "crm.item.list");
            nextItems = reply.Results[NextPageKey].Deserialize(Bitrix24JsonContext.Default.Bitrix24ItemsResult)?.Items ?? [];
        }

        while (next.Count > 0)
        {
            ThrowIfFailed(reply, ActivitiesKey, "crm.activity.list");
            var activities = reply.Results[ActivitiesKey].ValueKind == JsonValueKind.Array
                ? reply.Results[ActivitiesKey].Deserialize(Bitrix24JsonContext.Default.ListBitrix24Activity) ?? []
                : [];
            foreach (var activity in activities)
            {
                if (Bitrix24Values.Id(activity.OwnerId) is { } owner && next.TryGetValue(owner, out var earliest)
                    && Bitrix24Values.String(activity.OwnerTypeId) is null or "2"
                    && Bitrix24Values.TryTime(activity.Deadline, out var deadline) && deadline is { } due
                    && (earliest is null || due < earliest))
                {
                    next[owner] = due;
                }
            }

            // A full answer may not be all: read on after its last activity (rare: more than 50 open activities per 50 deals).
            if (activities.Count < Bitrix24Limits.PageSize)
            {
                break;
            }

            var lastActivity = activities.Select(a => ParseId(Bitrix24Values.Id(a.Id))).Max();
            reply = await BatchAsync([(ActivitiesKey, ActivitiesCommand(next.Keys, lastActivity))], write: false, cancellationToken);
        }

        return (next, nextItems);
    }

    /// <summary>Open activities owned by any of the deals, by id: the documented way to read many deals' activities at once (BINDINGS).</summary>
    private static string ActivitiesCommand(IEnumerable<string> dealIds, long afterActivityId)
    {
        var filter = new JsonObject
        {
            ["BINDINGS"] = new JsonArray([.. dealIds.Select(id => (JsonNode)new JsonObject
            {
                ["OWNER_TYPE_ID"] = Bitrix24Limits.DealEntityTypeId,
                ["OWNER_ID"] = Bitrix24Values.IdNode(id),
            })]),
            ["OWNER_TYPE_ID"] = Bitrix24Limits.DealEntityTypeId,
            ["COMPLETED"] = "N",
        };
        if (afterActivityId > 0)
        {
            filter[">ID"] = afterActivityId;
        }

        return Bitrix24Query.Command("crm.activity.list", new JsonObject
        {
            ["filter"] = filter,
            ["order"] = new JsonObject { ["ID"] = "ASC" },
            ["select"] = new JsonArray("ID", "OWNER_ID", "OWNER_TYPE_ID", "DEADLINE"),
            ["start"] = -1,
        });
    }

    private static string NextActivityCommand(string dealId) => Bitrix24Query.Command("crm.activity.list", new JsonObject
    {
        ["filter"] = new JsonObject { ["OWNER_TYPE_ID"] = Bitrix24Limits.DealEntityTypeId, ["OWNER_ID"] = Bitrix24Values.IdNode(dealId), ["COMPLETED"] = "N" },
        ["order"] = new JsonObject { ["DEADLINE"] = "ASC" },
        ["select"] = new JsonArray("ID", "DEADLINE"),
        ["start"] = -1,
    });

    private static DateTimeOffset? EarliestDeadline(JsonElement result)
    {
        var activities = result.ValueKind == JsonValueKind.Array ? result.Deserialize(Bitrix24JsonContext.Default.ListBitrix24Activity) ?? [] : [];
        return activities
            .Select(a => Bitrix24Values.TryTime(a.Deadline, out var deadline) ? deadline : null)
            .Where(d => d is not null)
            .Min();
    }

    private static string GetCommand(string idOrReference) =>
        $"crm.item.get?entityTypeId={Bitrix24Limits.DealEntityTypeId}&id={idOrReference}&useOriginalUfNames=Y";

    private static JsonObject ListParameters(int entityTypeId, IReadOnlyList<string> select, JsonObject filter) => new()
    {
        ["entityTypeId"] = entityTypeId,
        ["select"] = new JsonArray([.. select.Select(s => JsonValue.Create(s))]),
        ["filter"] = filter,
        ["order"] = new JsonObject { ["id"] = "ASC" },
        ["start"] = -1,
        ["useOriginalUfNames"] = "Y",
    };

    /// <summary>Runs sub-calls in batches of 50 (one request each) and gathers results and errors by key.</summary>
    private async Task<Bitrix24BatchReply> BatchAsync(IReadOnlyList<(string Key, string Command)> commands, bool write, CancellationToken cancellationToken)
    {
        const string Endpoint = "POST /batch.json";
        var reply = new Bitrix24BatchReply();
        foreach (var chunk in commands.Chunk(Bitrix24Limits.MaxBatchCommands))
        {
            var request = new Bitrix24BatchRequest { Halt = 0, Cmd = chunk.ToDictionary(c => c.Key, c => c.Command, StringComparer.Ordinal) };
            var response = Seen(write ? await _batch.WriteAsync(request, cancellationToken) : await _batch.ReadAsync(request, cancellationToken), Endpoint);
            var result = response.Result ?? throw new CrmResponseException(Kind, Connection, Endpoint, "batch answer has no result");
            if (result.Result.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in result.Result.EnumerateObject())
                {
                    reply.Results[property.Name] = property.Value.Clone();
                }
            }

            if (result.ResultError.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in result.ResultError.EnumerateObject())
                {
                    var error = property.Value;
                    reply.Errors[property.Name] = error.ValueKind == JsonValueKind.Object
                        ? (Text(error, "error"), Text(error, "error_description"))
                        : (null, error.ToString());
                }
            }
        }

        return reply;

        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) ? Bitrix24Values.String(value) : null;
    }

    /// <summary>A sub-call's <c>result_error</c> becomes the same exception a direct call's error would.</summary>
    private void ThrowIfFailed(Bitrix24BatchReply reply, string key, string method)
    {
        var endpoint = $"batch {method}";
        if (reply.Errors.TryGetValue(key, out var error))
        {
            var message = Bitrix24Errors.Describe(error.Code, error.Description);
            throw error.Code switch
            {
                "NO_AUTH_FOUND" or "expired_token" or "invalid_token" or "insufficient_scope" or "INVALID_CREDENTIALS" or "ACCESS_DENIED"
                    => new CrmAuthException(Kind, Connection, endpoint, message),
                "NOT_FOUND" => new CrmNotFoundException(Kind, Connection, endpoint),
                Bitrix24Errors.QueryLimitExceeded or Bitrix24Errors.OperationTimeLimit => new CrmRateLimitedException(Kind, Connection, endpoint, null),
                _ => new CrmValidationException(Kind, Connection, endpoint, message),
            };
        }

        if (!reply.Results.ContainsKey(key))
        {
            throw new CrmResponseException(Kind, Connection, endpoint, $"batch answer has no result for '{key}'");
        }
    }

    private Dictionary<string, JsonElement> Item(JsonElement result, string method) =>
        result.Deserialize(Bitrix24JsonContext.Default.Bitrix24ItemResult)?.Item
        ?? throw new CrmResponseException(Kind, Connection, $"batch {method}", "answer has no item");

    private void VerifyListWrites(Bitrix24Mapper mapper, JsonObject sent, Dictionary<string, JsonElement> stored, string endpoint)
    {
        var problems = mapper.ListWritesNotKept(sent, stored);
        if (problems.Count > 0)
        {
            throw new CrmValidationException(Kind, Connection, endpoint, "list values not kept (Bitrix24 drops unknown list values without an error): " + string.Join("; ", problems));
        }
    }

    private JsonObject Fields(Func<JsonObject> build, string endpoint)
    {
        try
        {
            return build();
        }
        catch (Bitrix24UnmappedFieldException ex)
        {
            throw new CrmValidationException(Kind, Connection, endpoint, ex.Message, ex);
        }
    }

    private string NewId(JsonElement result, string endpoint)
    {
        var id = result.ValueKind switch
        {
            JsonValueKind.Object when result.TryGetProperty("id", out var value) => Bitrix24Values.Id(value),
            JsonValueKind.Number or JsonValueKind.String => Bitrix24Values.Id(result),
            _ => null,
        };
        return id ?? throw new CrmResponseException(Kind, Connection, endpoint, "answer has no id of the new record");
    }

    /// <summary>Checks the answer has a body and learns the portal's time zone offset from its <c>time.date_start</c>.</summary>
    private Bitrix24Response<T> Seen<T>(Bitrix24Response<T>? response, string endpoint)
    {
        if (response is null)
        {
            throw new CrmResponseException(Kind, Connection, endpoint, "empty response body");
        }

        if (Bitrix24Values.Offset(response.Time?.DateStart) is { } offset)
        {
            _portalOffset = offset;
        }

        return response;
    }

    private static int EntityTypeId(string entity) => entity switch
    {
        "company" => Bitrix24Limits.CompanyEntityTypeId,
        "contact" => Bitrix24Limits.ContactEntityTypeId,
        _ => Bitrix24Limits.DealEntityTypeId,
    };

    private static long ParseId(string? id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
