using System.Globalization;
using CrmBridge.Adapters.Http;
using CrmBridge.Adapters.HubSpot.Api;
using CrmBridge.Adapters.HubSpot.Mapping;
using CrmBridge.Adapters.HubSpot.Models;
using CrmBridge.Adapters.HubSpot.Paging;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Refit;

namespace CrmBridge.Adapters.HubSpot;

/// <summary>
/// HubSpot CRM v3/v4 for one connection. Full reads page the deals list with associations; incremental reads use the
/// search endpoint sliced by time under its 10,000-result cap, then read the links of each page in two batch calls.
/// </summary>
internal sealed partial class HubSpotAdapter : ICrmAdapter
{
    private const string SearchEndpoint = "POST /crm/v3/objects/deals/search";
    private const string CreateEndpoint = "POST /crm/v3/objects/deals";
    private const string UpdateEndpoint = "PATCH /crm/v3/objects/deals/{dealId}";
    private const string Associations = "companies,contacts";

    private static readonly CrmCapabilities HubSpotCapabilities = new()
    {
        MaxPageSize = HubSpotLimits.MaxPageSize,
        MaxBatchReadSize = HubSpotLimits.MaxBatchReadSize,
        SupportsIncremental = true,
        HasRemovedDealsFeed = true,
        ReportsStageEnteredAt = true,
        ReportsLastActivity = true,
        ReportsNextActivity = true,
        StatusOnDeal = false,
    };

    private readonly CrmHttpConnection _http;
    private readonly HubSpotOptions _options;
    private readonly TimeProvider _time;
    private readonly HubSpotMapper _mapper;
    private readonly IHubSpotDealsApi _deals;
    private readonly IHubSpotAssociationsApi _associations;
    private readonly IHubSpotCompaniesApi _companies;
    private readonly IHubSpotContactsApi _contacts;
    private readonly IHubSpotEngagementsApi _engagements;
    private readonly IHubSpotPipelinesApi _pipelines;
    private readonly IHubSpotOwnersApi _owners;
    private readonly IHubSpotPropertiesApi _properties;
    private readonly string _dealProperties;
    private readonly HashSet<string> _unknownStagesRefreshed = new(StringComparer.Ordinal);
    private Dictionary<(string Pipeline, string Stage), StageOutcome>? _stageOutcomes;

    public HubSpotAdapter(ConnectionOptions connection, CrmHttpConnection http, HubSpotOptions options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _time = time;
        Connection = connection.Name;
        _mapper = new HubSpotMapper(connection.Name, connection.FieldMap);
        _dealProperties = string.Join(',', _mapper.DealPropertyNames);
        var settings = http.CreateRefitSettings(HubSpotJsonContext.Default);
        _deals = RestService.ForGenerated<IHubSpotDealsApi>(http.Client, settings);
        _associations = RestService.ForGenerated<IHubSpotAssociationsApi>(http.Client, settings);
        _companies = RestService.ForGenerated<IHubSpotCompaniesApi>(http.Client, settings);
        _contacts = RestService.ForGenerated<IHubSpotContactsApi>(http.Client, settings);
        _engagements = RestService.ForGenerated<IHubSpotEngagementsApi>(http.Client, settings);
        _pipelines = RestService.ForGenerated<IHubSpotPipelinesApi>(http.Client, settings);
        _owners = RestService.ForGenerated<IHubSpotOwnersApi>(http.Client, settings);
        _properties = RestService.ForGenerated<IHubSpotPropertiesApi>(http.Client, settings);
    }

    public CrmKind Kind => CrmKind.HubSpot;

    public string Connection { get; }

    public CrmCapabilities Capabilities => HubSpotCapabilities;

    public async Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken)
    {
        var pipelines = await LoadPipelinesAsync(cancellationToken);
        return [.. pipelines.Where(p => !p.Archived).OrderBy(p => p.DisplayOrder).Select(_mapper.MapPipeline)];
    }

    public async Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken)
    {
        var owners = new List<Owner>();
        string? after = null;
        do
        {
            var page = Required(await _owners.ListAsync(HubSpotLimits.MaxPageSize, after, cancellationToken), "GET /crm/v3/owners");
            owners.AddRange((page.Results ?? []).Select(_mapper.MapOwner));
            after = page.Paging?.Next?.After;
        }
        while (after is not null);
        return owners;
    }

    public async Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken)
    {
        var page = Required(await _properties.GetDealPropertiesAsync(cancellationToken), "GET /crm/v3/properties/deals");
        return [.. (page.Results ?? []).Select(HubSpotMapper.MapFieldDefinition)];
    }

    public Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.PageToken is null ? null : HubSpotPageTokenCodec.Decode(request.PageToken);
        if (token is null && request.ModifiedSince is { } since)
        {
            var start = since.ToUnixTimeMilliseconds();
            token = new HubSpotPageToken { Mode = HubSpotPageToken.SearchMode, WindowStart = start, LastModified = start };
        }

        return token is { Mode: HubSpotPageToken.SearchMode }
            ? SearchPageAsync(token, cancellationToken)
            : ListPageAsync(token?.After, cancellationToken);
    }

    public async Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken)
    {
        var page = Required(
            await _deals.ListAsync(_options.PageSize, pageToken, properties: null, associations: null, archived: "true", cancellationToken),
            "GET /crm/v3/objects/deals");
        var ids = (page.Results ?? [])
            .Where(d => since is null || (d.ArchivedAt ?? d.UpdatedAt) is not { } archivedAt || archivedAt >= since)
            .Select(d => d.Id)
            .ToList();
        return new RemovedDealsPage(ids, page.Paging?.Next?.After);
    }

    public async Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var objects = await BatchReadAsync(ids, _mapper.CompanyPropertyNames, _companies.BatchReadAsync, "POST /crm/v3/objects/companies/batch/read", cancellationToken);
        return [.. objects.Select(_mapper.MapCompany)];
    }

    public async Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var objects = await BatchReadAsync(ids, _mapper.ContactPropertyNames, _contacts.BatchReadAsync, "POST /crm/v3/objects/contacts/batch/read", cancellationToken);
        return [.. objects.Select(_mapper.MapContact)];
    }

    public async Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var request = new HubSpotSearchRequest
        {
            FilterGroups = [new HubSpotFilterGroup { Filters = [new HubSpotFilter { PropertyName = _mapper.MarkerProperty, Operator = "EQ", Value = marker }] }],
            Properties = [.. _mapper.DealPropertyNames],
            Limit = 1,
        };
        var page = Required(await _deals.SearchAsync(request, cancellationToken), SearchEndpoint);
        var found = page.Results?.FirstOrDefault();
        if (found is null)
        {
            return null;
        }

        var links = await ReadLinksAsync([found.Id], cancellationToken);
        return await MapOneAsync(found, links.GetValueOrDefault(found.Id, HubSpotDealLinks.None), SearchEndpoint, cancellationToken);
    }

    public async Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var properties = ToProperties(() => _mapper.ToProperties(deal), CreateEndpoint);
        var associations = new List<HubSpotAssociationInput>();
        if (deal.CompanyId is { Length: > 0 } companyId)
        {
            associations.Add(Association(companyId, HubSpotLimits.DealToCompanyTypeId));
        }

        associations.AddRange(deal.ContactIds.Distinct(StringComparer.Ordinal).Select(id => Association(id, HubSpotLimits.DealToContactTypeId)));
        var input = new HubSpotObjectInput { Properties = properties, Associations = associations };
        var created = Required(await _deals.CreateAsync(input, cancellationToken), CreateEndpoint);

        // The create answer does not always carry the associations it was given.
        var links = created.Associations is { Count: > 0 }
            ? HubSpotMapper.LinksFromList(created)
            : new HubSpotDealLinks(HubSpotValues.NullIfEmpty(deal.CompanyId), [.. deal.ContactIds.Distinct(StringComparer.Ordinal)]);
        return await MapOneAsync(WithMissing(created, properties), links, CreateEndpoint, cancellationToken);
    }

    public async Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var properties = ToProperties(() => _mapper.ToProperties(update), UpdateEndpoint);
        var updated = Required(await _deals.UpdateAsync(update.DealId, new HubSpotObjectInput { Properties = properties }, cancellationToken), UpdateEndpoint);
        var links = await ReadLinksAsync([updated.Id], cancellationToken);
        return await MapOneAsync(WithMissing(updated, properties), links.GetValueOrDefault(updated.Id, HubSpotDealLinks.None), UpdateEndpoint, cancellationToken);
    }

    public async Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [HubSpotProperties.Timestamp] = HubSpotValues.FormatTime(task.DueAt),
            [HubSpotProperties.TaskSubject] = task.Subject,
            [HubSpotProperties.TaskStatus] = "NOT_STARTED",
            // HubSpot's own hs_task_type value for a to-do (the others are CALL and EMAIL).
            [HubSpotProperties.TaskType] = "TODO",
        };
        if (task.Body is not null)
        {
            properties[HubSpotProperties.TaskBody] = task.Body;
        }

        if (task.OwnerId is not null)
        {
            properties[HubSpotProperties.OwnerId] = task.OwnerId;
        }

        var input = new HubSpotObjectInput { Properties = properties, Associations = [Association(task.DealId, HubSpotLimits.TaskToDealTypeId)] };
        var created = Required(await _engagements.CreateTaskAsync(input, cancellationToken), "POST /crm/v3/objects/tasks");
        var p = created.Properties;
        HubSpotValues.TryParseTime(p.GetValueOrDefault(HubSpotProperties.Timestamp), out var dueAt);
        return new CrmTask(
            Connection,
            created.Id,
            task.DealId,
            HubSpotValues.NullIfEmpty(p.GetValueOrDefault(HubSpotProperties.OwnerId)) ?? task.OwnerId,
            p.GetValueOrDefault(HubSpotProperties.TaskSubject) ?? task.Subject,
            p.GetValueOrDefault(HubSpotProperties.TaskBody) ?? task.Body,
            dueAt ?? task.DueAt,
            string.Equals(p.GetValueOrDefault(HubSpotProperties.TaskStatus), "COMPLETED", StringComparison.OrdinalIgnoreCase));
    }

    public async Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        var now = _time.GetUtcNow();
        var input = new HubSpotObjectInput
        {
            Properties = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [HubSpotProperties.Timestamp] = HubSpotValues.FormatTime(now),
                [HubSpotProperties.NoteBody] = note.Body,
            },
            Associations = [Association(note.DealId, HubSpotLimits.NoteToDealTypeId)],
        };
        var created = Required(await _engagements.CreateNoteAsync(input, cancellationToken), "POST /crm/v3/objects/notes");
        return new Note(Connection, created.Id, note.DealId, created.Properties.GetValueOrDefault(HubSpotProperties.NoteBody) ?? note.Body, created.CreatedAt ?? now);
    }

    private async Task<DealPage> ListPageAsync(string? after, CancellationToken cancellationToken)
    {
        var page = Required(
            await _deals.ListAsync(_options.PageSize, after, _dealProperties, Associations, archived: "false", cancellationToken),
            "GET /crm/v3/objects/deals");
        var results = page.Results ?? [];
        var (deals, skipped) = await MapPageAsync(results.Select(d => (d, HubSpotMapper.LinksFromList(d))).ToList(), cancellationToken);
        var next = page.Paging?.Next?.After is { } nextAfter
            ? HubSpotPageTokenCodec.Encode(new HubSpotPageToken { Mode = HubSpotPageToken.ListMode, After = nextAfter })
            : null;
        return new DealPage(deals, next, skipped);
    }

    /// <summary>
    /// One page of "modified since" search. Before the next request would pass the 10,000-result cap, the query is
    /// restarted at the newest modification time seen, and the ids already returned at exactly that time are dropped
    /// when the new query returns them again.
    /// </summary>
    private async Task<DealPage> SearchPageAsync(HubSpotPageToken token, CancellationToken cancellationToken)
    {
        var request = new HubSpotSearchRequest
        {
            FilterGroups =
            [
                new HubSpotFilterGroup
                {
                    Filters = [new HubSpotFilter { PropertyName = HubSpotProperties.LastModified, Operator = "GTE", Value = token.WindowStart.ToString(CultureInfo.InvariantCulture) }],
                },
            ],
            Sorts = [new HubSpotSort { PropertyName = HubSpotProperties.LastModified, Direction = "ASCENDING" }],
            Properties = [.. _mapper.DealPropertyNames],
            Limit = _options.SearchPageSize,
            After = token.After,
        };
        var page = Required(await _deals.SearchAsync(request, cancellationToken), SearchEndpoint);
        var results = page.Results ?? [];

        var skip = new HashSet<string>(token.SkipIds ?? [], StringComparer.Ordinal);
        var lastModified = token.LastModified;
        var lastModifiedIds = new HashSet<string>(token.LastModifiedIds ?? [], StringComparer.Ordinal);
        var fresh = new List<HubSpotObject>(results.Count);
        foreach (var deal in results)
        {
            long? modified = HubSpotValues.TryParseTime(deal.Properties.GetValueOrDefault(HubSpotProperties.LastModified), out var time) && time is { } t
                ? t.ToUnixTimeMilliseconds()
                : null;
            if (modified == token.WindowStart && skip.Contains(deal.Id))
            {
                continue;
            }

            fresh.Add(deal);
            if (modified > lastModified)
            {
                lastModified = modified.Value;
                lastModifiedIds.Clear();
            }

            if (modified == lastModified)
            {
                lastModifiedIds.Add(deal.Id);
            }
        }

        var links = await ReadLinksAsync([.. fresh.Select(d => d.Id)], cancellationToken);
        var (deals, skipped) = await MapPageAsync(fresh.Select(d => (d, links.GetValueOrDefault(d.Id, HubSpotDealLinks.None))).ToList(), cancellationToken);
        return new DealPage(deals, NextSearchToken(token, page, results.Count, lastModified, lastModifiedIds), skipped);
    }

    private string? NextSearchToken(HubSpotPageToken token, HubSpotSearchPage page, int resultCount, long lastModified, HashSet<string> lastModifiedIds)
    {
        if (page.Paging?.Next?.After is not { } next)
        {
            return null;
        }

        var offset = int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (int.TryParse(token.After, NumberStyles.None, CultureInfo.InvariantCulture, out var current) ? current : 0) + resultCount;
        if (offset + _options.SearchPageSize <= HubSpotLimits.SearchResultCap)
        {
            return HubSpotPageTokenCodec.Encode(new HubSpotPageToken
            {
                Mode = HubSpotPageToken.SearchMode,
                After = next,
                WindowStart = token.WindowStart,
                SkipIds = token.SkipIds,
                LastModified = lastModified,
                LastModifiedIds = [.. lastModifiedIds],
            });
        }

        if (lastModified <= token.WindowStart)
        {
            // A whole slice shares one modification time (a bulk edit): search cannot page past it, so read the rest
            // of this run from the full list, which returns every deal, the modified ones included.
            return HubSpotPageTokenCodec.Encode(new HubSpotPageToken { Mode = HubSpotPageToken.ListMode });
        }

        return HubSpotPageTokenCodec.Encode(new HubSpotPageToken
        {
            Mode = HubSpotPageToken.SearchMode,
            WindowStart = lastModified,
            SkipIds = [.. lastModifiedIds],
            LastModified = lastModified,
            LastModifiedIds = [.. lastModifiedIds],
        });
    }

    private async Task<(List<Deal> Deals, List<SkippedRecord> Skipped)> MapPageAsync(
        IReadOnlyList<(HubSpotObject Deal, HubSpotDealLinks Links)> page, CancellationToken cancellationToken)
    {
        var outcomes = await StageOutcomesAsync(page.Select(p => p.Deal), cancellationToken);
        var deals = new List<Deal>(page.Count);
        var skipped = new List<SkippedRecord>();
        foreach (var (deal, links) in page)
        {
            var result = _mapper.MapDeal(deal, links, (pipeline, stage) => outcomes.TryGetValue((pipeline, stage), out var o) ? o : null);
            if (result.Deal is { } mapped)
            {
                deals.Add(mapped);
            }
            else
            {
                skipped.Add(new SkippedRecord("deal", deal.Id, result.SkipReason ?? "could not be mapped"));
            }
        }

        return (deals, skipped);
    }

    private async Task<Deal> MapOneAsync(HubSpotObject deal, HubSpotDealLinks links, string endpoint, CancellationToken cancellationToken)
    {
        var (deals, skipped) = await MapPageAsync([(deal, links)], cancellationToken);
        return deals.Count == 1
            ? deals[0]
            : throw new CrmResponseException(Kind, Connection, endpoint, $"deal {deal.Id} cannot be read: {skipped.FirstOrDefault()?.Reason}");
    }

    /// <summary>The won/lost meaning of each stage, from the pipelines cached in this instance; reloaded once when a deal names a stage not seen yet.</summary>
    private async Task<Dictionary<(string Pipeline, string Stage), StageOutcome>> StageOutcomesAsync(IEnumerable<HubSpotObject> deals, CancellationToken cancellationToken)
    {
        if (_stageOutcomes is null)
        {
            await LoadPipelinesAsync(cancellationToken);
        }

        var unknown = deals
            .Select(d => (Pipeline: d.Properties.GetValueOrDefault(HubSpotProperties.DealPipeline), Stage: d.Properties.GetValueOrDefault(HubSpotProperties.DealStage)))
            .Where(k => k.Pipeline is { Length: > 0 } && k.Stage is { Length: > 0 } && !_stageOutcomes!.ContainsKey((k.Pipeline, k.Stage)))
            .Select(k => $"{k.Pipeline}/{k.Stage}")
            .Where(_unknownStagesRefreshed.Add)
            .ToList();
        if (unknown.Count > 0)
        {
            await LoadPipelinesAsync(cancellationToken);
        }

        return _stageOutcomes!;
    }

    private async Task<List<HubSpotPipeline>> LoadPipelinesAsync(CancellationToken cancellationToken)
    {
        var page = Required(await _pipelines.GetDealPipelinesAsync(cancellationToken), "GET /crm/v3/pipelines/deals");
        var pipelines = page.Results ?? [];
        var outcomes = new Dictionary<(string, string), StageOutcome>();
        foreach (var pipeline in pipelines)
        {
            foreach (var stage in pipeline.Stages ?? [])
            {
                outcomes[(pipeline.Id, stage.Id)] = HubSpotMapper.StageOutcomeOf(stage);
            }
        }

        _stageOutcomes = outcomes;
        return pipelines;
    }

    private async Task<Dictionary<string, HubSpotDealLinks>> ReadLinksAsync(IReadOnlyList<string> dealIds, CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, HubSpotDealLinks>(StringComparer.Ordinal);
        foreach (var chunk in dealIds.Distinct(StringComparer.Ordinal).Chunk(HubSpotLimits.AssociationBatchReadSize))
        {
            var request = new HubSpotAssociationBatchRequest { Inputs = [.. chunk.Select(id => new HubSpotObjectId { Id = id })] };
            var companies = Required(await _associations.BatchReadAsync("deals", "companies", request, cancellationToken), "POST /crm/v4/associations/deals/companies/batch/read");
            var contacts = Required(await _associations.BatchReadAsync("deals", "contacts", request, cancellationToken), "POST /crm/v4/associations/deals/contacts/batch/read");
            var companiesByDeal = (companies.Results ?? []).GroupBy(r => r.From.Id).ToDictionary(g => g.Key, Merge, StringComparer.Ordinal);
            var contactsByDeal = (contacts.Results ?? []).GroupBy(r => r.From.Id).ToDictionary(g => g.Key, Merge, StringComparer.Ordinal);
            foreach (var id in chunk)
            {
                links[id] = HubSpotMapper.LinksFromBatch(companiesByDeal.GetValueOrDefault(id), contactsByDeal.GetValueOrDefault(id));
            }
        }

        return links;

        static HubSpotAssociationBatchItem Merge(IEnumerable<HubSpotAssociationBatchItem> items)
        {
            var list = items.ToList();
            return list.Count == 1 ? list[0] : new HubSpotAssociationBatchItem { From = list[0].From, To = [.. list.SelectMany(i => i.To)] };
        }
    }

    private async Task<List<HubSpotObject>> BatchReadAsync(
        IReadOnlyCollection<string> ids,
        IReadOnlyList<string> properties,
        Func<HubSpotBatchReadRequest, CancellationToken, Task<HubSpotBatchResult<HubSpotObject>>> read,
        string endpoint,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var objects = new List<HubSpotObject>(ids.Count);
        foreach (var chunk in ids.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Chunk(_options.BatchReadSize))
        {
            var request = new HubSpotBatchReadRequest { Inputs = [.. chunk.Select(id => new HubSpotObjectId { Id = id })], Properties = [.. properties] };
            var result = Required(await read(request, cancellationToken), endpoint);
            objects.AddRange(result.Results ?? []);
        }

        return objects;
    }

    private Dictionary<string, string?> ToProperties(Func<Dictionary<string, string?>> map, string endpoint)
    {
        try
        {
            return map();
        }
        catch (HubSpotUnmappedFieldException ex)
        {
            throw new CrmValidationException(Kind, Connection, endpoint, ex.Message, ex);
        }
    }

    /// <summary>Write answers may omit properties that were just set; fill those from the request so the deal can be mapped.</summary>
    private static HubSpotObject WithMissing(HubSpotObject answer, Dictionary<string, string?> sent)
    {
        var properties = new Dictionary<string, string?>(answer.Properties, StringComparer.Ordinal);
        foreach (var (name, value) in sent)
        {
            properties.TryAdd(name, value);
        }

        return new HubSpotObject
        {
            Id = answer.Id,
            Properties = properties,
            CreatedAt = answer.CreatedAt,
            UpdatedAt = answer.UpdatedAt,
            Archived = answer.Archived,
            ArchivedAt = answer.ArchivedAt,
            Associations = answer.Associations,
        };
    }

    private static HubSpotAssociationInput Association(string id, int typeId) => new()
    {
        To = new HubSpotObjectId { Id = id },
        Types = [new HubSpotAssociationSpec { AssociationTypeId = typeId }],
    };

    private T Required<T>(T? value, string endpoint)
        where T : class =>
        value ?? throw new CrmResponseException(Kind, Connection, endpoint, "empty response body");
}
