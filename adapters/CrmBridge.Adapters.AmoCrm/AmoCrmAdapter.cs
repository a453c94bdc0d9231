using CrmBridge.Adapters.AmoCrm.Activity;
using CrmBridge.Adapters.AmoCrm.Api;
using CrmBridge.Adapters.AmoCrm.Mapping;
using CrmBridge.Adapters.AmoCrm.Models;
using CrmBridge.Adapters.AmoCrm.Paging;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Refit;

namespace CrmBridge.Adapters.AmoCrm;

/// <summary>
/// amoCRM (Kommo) API v4 for one connection. Leads are read by modification time ascending with keyset paging, 250 a
/// page, with their contacts, companies and loss reason embedded. A lead has no stage-change or last-activity time:
/// both come from the events API, read once per run for the run's window, plus a look-up by lead id for older leads
/// whose events lie before the window.
/// </summary>
internal sealed partial class AmoCrmAdapter : ICrmAdapter
{
    private const string LeadsEndpoint = "GET /api/v4/leads";
    private const string LeadEndpoint = "GET /api/v4/leads/{id}";
    private const string CreateEndpoint = "POST /api/v4/leads";
    private const string UpdateEndpoint = "PATCH /api/v4/leads/{id}";
    private const string TasksEndpoint = "POST /api/v4/tasks";
    private const string NotesEndpoint = "POST /api/v4/leads/{id}/notes";
    private const string OnlyDeleted = "only_deleted";

    private static readonly CrmCapabilities AmoCrmCapabilities = new()
    {
        MaxPageSize = AmoCrmLimits.MaxPageSize,
        MaxBatchReadSize = AmoCrmLimits.MaxBatchReadSize,
        SupportsIncremental = true,
        HasRemovedDealsFeed = true,
        ReportsStageEnteredAt = true,
        ReportsLastActivity = true,
        ReportsNextActivity = true,
        StatusOnDeal = false,
    };

    private readonly AmoCrmOptions _options;
    private readonly TimeProvider _time;
    private readonly AmoCrmMapper _mapper;
    private readonly string _eventTypes;
    private readonly IAmoCrmLeadsApi _leads;
    private readonly IAmoCrmPipelinesApi _pipelines;
    private readonly IAmoCrmCustomFieldsApi _fields;
    private readonly IAmoCrmCompaniesApi _companies;
    private readonly IAmoCrmContactsApi _contacts;
    private readonly IAmoCrmUsersApi _users;
    private readonly IAmoCrmEventsApi _events;
    private readonly IAmoCrmTasksApi _tasks;
    private readonly IAmoCrmNotesApi _notes;
    private readonly IAmoCrmAccountApi _account;
    private readonly HashSet<long> _returned = [];
    private AmoCrmActivityIndex? _activity;
    private long? _activitySince;
    private Dictionary<long, string>? _lossReasons;
    private AmoCrmFieldCatalog? _catalog;
    private (bool Loaded, string? Value) _currency;

    public AmoCrmAdapter(ConnectionOptions connection, CrmHttpConnection http, AmoCrmOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Connection = connection.Name;
        _mapper = new AmoCrmMapper(connection.Name, connection.FieldMap);
        _eventTypes = string.Join(',', new[] { AmoCrmLimits.StatusChangedEvent }.Concat(options.ActivityEventTypes).Distinct(StringComparer.Ordinal));
        var settings = http.CreateRefitSettings(AmoCrmJsonContext.Default);
        _leads = RestService.ForGenerated<IAmoCrmLeadsApi>(http.Client, settings);
        _pipelines = RestService.ForGenerated<IAmoCrmPipelinesApi>(http.Client, settings);
        _fields = RestService.ForGenerated<IAmoCrmCustomFieldsApi>(http.Client, settings);
        _companies = RestService.ForGenerated<IAmoCrmCompaniesApi>(http.Client, settings);
        _contacts = RestService.ForGenerated<IAmoCrmContactsApi>(http.Client, settings);
        _users = RestService.ForGenerated<IAmoCrmUsersApi>(http.Client, settings);
        _events = RestService.ForGenerated<IAmoCrmEventsApi>(http.Client, settings);
        _tasks = RestService.ForGenerated<IAmoCrmTasksApi>(http.Client, settings);
        _notes = RestService.ForGenerated<IAmoCrmNotesApi>(http.Client, settings);
        _account = RestService.ForGenerated<IAmoCrmAccountApi>(http.Client, settings);
    }

    public CrmKind Kind => CrmKind.AmoCrm;

    public string Connection { get; }

    public CrmCapabilities Capabilities => AmoCrmCapabilities;

    public async Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken)
    {
        var page = await _pipelines.ListAsync(cancellationToken);
        return [.. (page?.Embedded?.Pipelines ?? []).Where(p => !p.IsArchive).OrderBy(p => p.Sort).ThenBy(p => p.Id).Select(_mapper.MapPipeline)];
    }

    public async Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken)
    {
        var users = await ReadAllAsync((page, limit, ct) => _users.ListAsync(page, limit, ct), p => p.Users, AmoCrmLimits.MaxPageSize, cancellationToken);
        return [.. users.Select(_mapper.MapOwner)];
    }

    public async Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken)
    {
        var catalog = await LoadCatalogAsync(cancellationToken);
        return [.. catalog.Fields.OrderBy(f => f.Sort).Select(AmoCrmMapper.MapFieldDefinition)];
    }

    public async Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var since = request.ModifiedSince is { } modifiedSince ? AmoCrmTime.Floor(modifiedSince) : (long?)null;
        var token = request.PageToken is null ? new AmoCrmPageToken { From = since ?? 0 } : AmoCrmPageTokenCodec.Decode(request.PageToken);
        await EnsureActivityAsync(since, cancellationToken);
        if (token.Extra is not null)
        {
            return await ExtraPageAsync(token.Extra, since, cancellationToken);
        }

        var page = await _leads.ListAsync(
            token.Page, _options.PageSize, AmoCrmLimits.LeadWith, token.From > 0 ? token.From : null, "asc", ids: null, cancellationToken);
        var leads = page?.Embedded?.Leads ?? [];
        var skip = new HashSet<long>(token.Skip ?? []);
        var fresh = leads.Where(l => !(l.UpdatedAt == token.From && skip.Contains(l.Id))).ToList();
        var next = HasMore(page, leads.Count, _options.PageSize) && NextToken(token, leads, skip) is { } nextToken ? AmoCrmPageTokenCodec.Encode(nextToken) : ExtraToken(since);
        var (deals, skipped) = await MapLeadsAsync(fresh, since, cancellationToken);
        return new DealPage(deals, next, skipped);
    }

    public async Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken)
    {
        var pageNumber = pageToken is null ? 1 : int.Parse(pageToken, System.Globalization.CultureInfo.InvariantCulture);
        var page = await _leads.ListAsync(
            pageNumber, _options.PageSize, OnlyDeleted, since is { } from ? AmoCrmTime.Floor(from) : null, orderByUpdatedAt: null, ids: null, cancellationToken);
        var leads = page?.Embedded?.Leads ?? [];
        var ids = leads.Select(l => AmoCrmMapper.Id(l.Id)).ToList();
        return new RemovedDealsPage(ids, HasMore(page, leads.Count, _options.PageSize) ? (pageNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    public async Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var companies = new List<Company>();
        foreach (var chunk in NumericIds(ids).Chunk(_options.BatchReadSize))
        {
            var page = await _companies.ListByIdsAsync(chunk.Length, chunk, cancellationToken);
            companies.AddRange((page?.Embedded?.Companies ?? []).Select(_mapper.MapCompany));
        }

        return companies;
    }

    public async Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var contacts = new List<Contact>();
        foreach (var chunk in NumericIds(ids).Chunk(_options.BatchReadSize))
        {
            var page = await _contacts.ListByIdsAsync(chunk.Length, chunk, cancellationToken);
            contacts.AddRange((page?.Embedded?.Contacts ?? []).Select(_mapper.MapContact));
        }

        return contacts;
    }

    public async Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);

        // Full-text search finds the marker in the custom field; only an exact match of that field counts.
        var page = await _leads.SearchAsync(1, _options.PageSize, AmoCrmLimits.LeadWith, marker, cancellationToken);
        var found = (page?.Embedded?.Leads ?? []).FirstOrDefault(l => string.Equals(_mapper.ReadMarker(l), marker, StringComparison.Ordinal));
        return found is null ? null : await MapOneAsync(found, lookUpActivity: true, LeadsEndpoint, cancellationToken);
    }

    public async Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var catalog = deal.Fields.Count > 0 || deal.Marker is not null ? await LoadCatalogAsync(cancellationToken) : null;
        var input = Translate(() => _mapper.ToInput(deal, catalog), CreateEndpoint);
        var created = await _leads.CreateAsync([input], cancellationToken);
        var id = created?.Embedded?.Leads?.FirstOrDefault()?.Id ?? throw new CrmResponseException(Kind, Connection, CreateEndpoint, "the answer names no created lead");
        var lead = await _leads.GetAsync(id, AmoCrmLimits.LeadWith, cancellationToken) ?? throw Empty(LeadEndpoint);
        return await MapOneAsync(lead, lookUpActivity: false, LeadEndpoint, cancellationToken);
    }

    public async Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var catalog = update.Fields.Count > 0 ? await LoadCatalogAsync(cancellationToken) : null;
        var id = Translate(() => AmoCrmMapper.ParseId(update.DealId, "deal"), UpdateEndpoint);
        var input = Translate(() => _mapper.ToInput(update, catalog), UpdateEndpoint);
        await _leads.UpdateAsync(id, input, cancellationToken);
        var lead = await _leads.GetAsync(id, AmoCrmLimits.LeadWith, cancellationToken) ?? throw Empty(LeadEndpoint);
        return await MapOneAsync(lead, lookUpActivity: true, LeadEndpoint, cancellationToken);
    }

    public async Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var input = new AmoCrmTaskInput
        {
            Text = string.IsNullOrWhiteSpace(task.Body) ? task.Subject : $"{task.Subject}\n{task.Body}",
            CompleteTill = task.DueAt.ToUnixTimeSeconds(),
            EntityId = Translate(() => AmoCrmMapper.ParseId(task.DealId, "deal"), TasksEndpoint),
            ResponsibleUserId = task.OwnerId is { Length: > 0 } owner ? Translate(() => AmoCrmMapper.ParseId(owner, "owner"), TasksEndpoint) : null,
        };
        var created = await _tasks.CreateAsync([input], cancellationToken);
        var id = created?.Embedded?.Tasks?.FirstOrDefault()?.Id ?? throw new CrmResponseException(Kind, Connection, TasksEndpoint, "the answer names no created task");
        return new CrmTask(Connection, AmoCrmMapper.Id(id), task.DealId, task.OwnerId, task.Subject, task.Body, DateTimeOffset.FromUnixTimeSeconds(input.CompleteTill), IsCompleted: false);
    }

    public async Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        var leadId = Translate(() => AmoCrmMapper.ParseId(note.DealId, "deal"), NotesEndpoint);
        var created = await _notes.AddToLeadAsync(leadId, [new AmoCrmNoteInput { Params = new AmoCrmNoteParams { Text = note.Body } }], cancellationToken);
        var answer = created?.Embedded?.Notes?.FirstOrDefault() ?? throw new CrmResponseException(Kind, Connection, NotesEndpoint, "the answer names no created note");
        return new Note(Connection, AmoCrmMapper.Id(answer.Id), note.DealId, note.Body, AmoCrmTime.FromUnix(answer.CreatedAt) ?? _time.GetUtcNow());
    }

    /// <summary>
    /// The next keyset page: restart at the newest modification time of this page, skipping the ids already returned at
    /// that second; when the whole page shares one second, page on within it. Null when this page was the last.
    /// </summary>
    private AmoCrmPageToken? NextToken(AmoCrmPageToken token, List<AmoCrmLead> leads, HashSet<long> skip)
    {
        if (leads.Count < _options.PageSize)
        {
            return null;
        }

        var newest = leads.Max(l => l.UpdatedAt ?? 0);
        if (newest > token.From)
        {
            return new AmoCrmPageToken { From = newest, Page = 1, Skip = [.. leads.Where(l => l.UpdatedAt == newest).Select(l => l.Id)] };
        }

        return new AmoCrmPageToken { From = token.From, Page = token.Page + 1, Skip = [.. skip.Concat(leads.Select(l => l.Id)).Distinct()] };
    }

    /// <summary>
    /// After the keyset pages of an incremental run: leads with activity in the window whose modification time did not
    /// move (a logged call need not touch the lead), read by id so their last activity is current too.
    /// </summary>
    private string? ExtraToken(long? since)
    {
        if (since is null || _activity is null)
        {
            return null;
        }

        var extra = _activity.LeadIds.Where(id => !_returned.Contains(id)).Order().ToList();
        return extra.Count == 0 ? null : AmoCrmPageTokenCodec.Encode(new AmoCrmPageToken { From = since.Value, Extra = extra });
    }

    private async Task<DealPage> ExtraPageAsync(List<long> extra, long? since, CancellationToken cancellationToken)
    {
        var chunk = extra.Take(_options.BatchReadSize).ToList();
        var rest = extra.Skip(chunk.Count).ToList();
        var page = await _leads.ListAsync(1, chunk.Count, AmoCrmLimits.LeadWith, updatedFrom: null, orderByUpdatedAt: null, chunk, cancellationToken);
        var leads = (page?.Embedded?.Leads ?? []).Where(l => !_returned.Contains(l.Id)).ToList();
        var (deals, skipped) = await MapLeadsAsync(leads, since, cancellationToken);
        var next = rest.Count == 0 ? null : AmoCrmPageTokenCodec.Encode(new AmoCrmPageToken { From = since ?? 0, Extra = rest });
        return new DealPage(deals, next, skipped);
    }

    private async Task<(List<Deal> Deals, List<SkippedRecord> Skipped)> MapLeadsAsync(List<AmoCrmLead> leads, long? since, CancellationToken cancellationToken)
    {
        var activity = _activity!;
        if (since is { } windowStart)
        {
            // A lead created inside the window has all its events in the window; an older one may have them before it.
            var older = leads.Where(l => (l.CreatedAt ?? 0) < windowStart && !activity.IsComplete(l.Id)).Select(l => l.Id).ToList();
            foreach (var chunk in older.Chunk(AmoCrmLimits.MaxEventEntityIds))
            {
                await ReadEventsAsync(createdFrom: null, chunk, activity, cancellationToken);
            }
        }

        var lossReasons = leads.Any(l => l.LossReasonId is > 0 && l.Embedded?.LossReason is not { Count: > 0 })
            ? await LoadLossReasonsAsync(cancellationToken)
            : null;
        var currency = await LoadCurrencyAsync(cancellationToken);
        var deals = new List<Deal>(leads.Count);
        var skipped = new List<SkippedRecord>();
        foreach (var lead in leads)
        {
            _returned.Add(lead.Id);
            var result = _mapper.MapDeal(lead, activity.Get(lead.Id), lossReasons, currency);
            if (result.Deal is { } deal)
            {
                deals.Add(deal);
            }
            else
            {
                skipped.Add(new SkippedRecord("deal", AmoCrmMapper.Id(lead.Id), result.SkipReason ?? "could not be mapped"));
            }
        }

        return (deals, skipped);
    }

    private async Task<Deal> MapOneAsync(AmoCrmLead lead, bool lookUpActivity, string endpoint, CancellationToken cancellationToken)
    {
        var activity = new AmoCrmActivityIndex();
        if (lookUpActivity)
        {
            await ReadEventsAsync(createdFrom: null, [lead.Id], activity, cancellationToken);
        }

        var lossReasons = lead.LossReasonId is > 0 && lead.Embedded?.LossReason is not { Count: > 0 } ? await LoadLossReasonsAsync(cancellationToken) : null;
        var result = _mapper.MapDeal(lead, activity.Get(lead.Id), lossReasons, await LoadCurrencyAsync(cancellationToken));
        return result.Deal ?? throw new CrmResponseException(Kind, Connection, endpoint, $"lead {lead.Id} could not be mapped: {result.SkipReason}");
    }

    /// <summary>The run's window of events, read once per run (again after a resume), newest status change and activity per lead.</summary>
    private async Task EnsureActivityAsync(long? since, CancellationToken cancellationToken)
    {
        if (_activity is not null && _activitySince == since)
        {
            return;
        }

        var index = new AmoCrmActivityIndex();
        await ReadEventsAsync(since, entityIds: null, index, cancellationToken);
        _activity = index;
        _activitySince = since;
        _returned.Clear();
    }

    private async Task ReadEventsAsync(long? createdFrom, IReadOnlyCollection<long>? entityIds, AmoCrmActivityIndex index, CancellationToken cancellationToken)
    {
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await _events.ListAsync(pageNumber, _options.EventPageSize, "lead", _eventTypes, createdFrom, entityIds, cancellationToken);
            var events = page?.Embedded?.Events ?? [];
            foreach (var item in events)
            {
                index.Add(item);
            }

            if (!HasMore(page, events.Count, _options.EventPageSize))
            {
                return;
            }
        }
    }

    private async Task<AmoCrmFieldCatalog> LoadCatalogAsync(CancellationToken cancellationToken)
    {
        if (_catalog is null)
        {
            var fields = await ReadAllAsync((page, limit, ct) => _fields.LeadFieldsAsync(page, limit, ct), p => p.CustomFields, AmoCrmLimits.MaxPageSize, cancellationToken);
            _catalog = new AmoCrmFieldCatalog(fields);
        }

        return _catalog;
    }

    private async Task<Dictionary<long, string>> LoadLossReasonsAsync(CancellationToken cancellationToken)
    {
        if (_lossReasons is null)
        {
            var reasons = await ReadAllAsync((page, limit, ct) => _pipelines.LossReasonsAsync(page, limit, ct), p => p.LossReasons, AmoCrmLimits.MaxPageSize, cancellationToken);
            _lossReasons = reasons.Where(r => r.Name is not null).ToDictionary(r => r.Id, r => r.Name!);
        }

        return _lossReasons;
    }

    private async Task<string?> LoadCurrencyAsync(CancellationToken cancellationToken)
    {
        if (!_currency.Loaded)
        {
            var account = await _account.GetAsync(cancellationToken);
            _currency = (true, account?.Currency);
        }

        return _currency.Value;
    }

    private static async Task<List<T>> ReadAllAsync<T>(
        Func<int, int, CancellationToken, Task<AmoCrmPage?>> read,
        Func<AmoCrmPageEmbedded, List<T>?> select,
        int limit,
        CancellationToken cancellationToken)
    {
        var all = new List<T>();
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await read(pageNumber, limit, cancellationToken);
            var items = page?.Embedded is { } embedded ? select(embedded) ?? [] : [];
            all.AddRange(items);
            if (!HasMore(page, items.Count, limit))
            {
                return all;
            }
        }
    }

    /// <summary>
    /// Whether another page follows: amoCRM links the next page when there is one, so a page with links but no
    /// <c>_links.next</c> is the last even when full (reading on would cost a request for an empty 204). Without links at
    /// all, a full page may have more. An empty page (204) never does.
    /// </summary>
    private static bool HasMore(AmoCrmPage? page, int count, int limit) =>
        count > 0 && (page?.Links is { } links ? links.Next?.Href is { Length: > 0 } : count >= limit);

    private static IEnumerable<long> NumericIds(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                yield return value;
            }
        }
    }

    private T Translate<T>(Func<T> map, string endpoint)
    {
        try
        {
            return map();
        }
        catch (AmoCrmUnmappedFieldException ex)
        {
            throw new CrmValidationException(Kind, Connection, endpoint, ex.Message, ex);
        }
    }

    private CrmResponseException Empty(string endpoint) => new(Kind, Connection, endpoint, "empty response body");
}
