using System.Collections.Concurrent;
using CrmBridge.Adapters.Http;
using CrmBridge.Adapters.Pipedrive.Api;
using CrmBridge.Adapters.Pipedrive.Mapping;
using CrmBridge.Adapters.Pipedrive.Models;
using CrmBridge.Adapters.Pipedrive.Paging;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Refit;

namespace CrmBridge.Adapters.Pipedrive;

/// <summary>
/// Pipedrive for one connection: API v2 for deals, persons, organizations, pipelines, stages and activities (cursor
/// paging, 500 per page, <c>updated_since</c>), v1 for users, field definitions, notes and deal participants. Custom
/// fields are resolved by name from the field definitions, loaded once per adapter.
/// </summary>
internal sealed partial class PipedriveAdapter : ICrmAdapter
{
    /// <summary>The deal field holding CrmBridge's idempotency marker when the field map names none.</summary>
    private const string DefaultMarkerField = "CrmBridge marker";
    private const string DealsEndpoint = "GET /api/v2/deals";
    private const string DealEndpoint = "GET /api/v2/deals/{id}";
    private const string CreateEndpoint = "POST /api/v2/deals";
    private const string UpdateEndpoint = "PATCH /api/v2/deals/{id}";

    private static readonly CrmCapabilities PipedriveCapabilities = new()
    {
        MaxPageSize = PipedriveLimits.MaxPageSize,
        MaxBatchReadSize = PipedriveLimits.MaxIdsPerRequest,
        SupportsIncremental = true,
        HasRemovedDealsFeed = true,
        ReportsStageEnteredAt = true,
        ReportsLastActivity = true,
        ReportsNextActivity = true,
        StatusOnDeal = true,
    };

    private readonly PipedriveOptions _options;
    private readonly TimeProvider _time;
    private readonly PipedriveMapper _mapper;
    private readonly FieldMapPartition _fieldMap;
    private readonly string _includeFields;
    private readonly IPipedriveDealsApi _deals;
    private readonly IPipedrivePipelinesApi _pipelines;
    private readonly IPipedriveUsersApi _users;
    private readonly IPipedriveFieldsApi _fields;
    private readonly IPipedriveOrganizationsApi _organizations;
    private readonly IPipedrivePersonsApi _persons;
    private readonly IPipedriveActivitiesApi _activities;
    private readonly IPipedriveNotesApi _notes;
    private PipedriveFieldSet? _dealFields;
    private PipedriveFieldSet? _organizationFields;
    private PipedriveFieldSet? _personFields;

    public PipedriveAdapter(ConnectionOptions connection, CrmHttpConnection http, PipedriveOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Connection = connection.Name;
        _mapper = new PipedriveMapper(connection.Name);
        _fieldMap = new FieldMapPartition(connection.FieldMap, DefaultMarkerField);
        _includeFields = options.ReadParticipants ? "next_activity_id,last_activity_id,participants_count" : "next_activity_id,last_activity_id";
        var settings = http.CreateRefitSettings(PipedriveJsonContext.Default);
        _deals = RestService.ForGenerated<IPipedriveDealsApi>(http.Client, settings);
        _pipelines = RestService.ForGenerated<IPipedrivePipelinesApi>(http.Client, settings);
        _users = RestService.ForGenerated<IPipedriveUsersApi>(http.Client, settings);
        _fields = RestService.ForGenerated<IPipedriveFieldsApi>(http.Client, settings);
        _organizations = RestService.ForGenerated<IPipedriveOrganizationsApi>(http.Client, settings);
        _persons = RestService.ForGenerated<IPipedrivePersonsApi>(http.Client, settings);
        _activities = RestService.ForGenerated<IPipedriveActivitiesApi>(http.Client, settings);
        _notes = RestService.ForGenerated<IPipedriveNotesApi>(http.Client, settings);
    }

    public CrmKind Kind => CrmKind.Pipedrive;

    public string Connection { get; }

    public CrmCapabilities Capabilities => PipedriveCapabilities;

    public async Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken)
    {
        var pipelines = await ReadAllAsync((cursor, ct) => _pipelines.ListPipelinesAsync(PipedriveLimits.MaxPageSize, cursor, ct), "GET /api/v2/pipelines", cancellationToken);
        var stages = await ReadAllAsync((cursor, ct) => _pipelines.ListStagesAsync(PipedriveLimits.MaxPageSize, cursor, ct), "GET /api/v2/stages", cancellationToken);
        return [.. pipelines.Where(p => !p.IsDeleted).OrderBy(p => p.OrderNr).ThenBy(p => p.Id).Select(p => _mapper.MapPipeline(p, stages))];
    }

    public async Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken)
    {
        var users = await ReadAsync(() => _users.ListAsync(cancellationToken), "GET /v1/users");
        return [.. users.Select(_mapper.MapOwner)];
    }

    public async Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken)
    {
        var deal = await LoadFieldsAsync("dealFields", cancellationToken);
        var organization = await LoadFieldsAsync("organizationFields", cancellationToken);
        var person = await LoadFieldsAsync("personFields", cancellationToken);
        return
        [
            .. deal.Select(f => PipedriveMapper.MapFieldDefinition("deal", f)),
            .. organization.Select(f => PipedriveMapper.MapFieldDefinition("company", f)),
            .. person.Select(f => PipedriveMapper.MapFieldDefinition("contact", f)),
        ];
    }

    /// <summary>A full read pages by id; an incremental one filters on <c>updated_since</c> (floored to the second) sorted by update time.</summary>
    public async Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = await DealFieldsAsync(cancellationToken);
        var incremental = request.ModifiedSince is not null;
        PipedriveResponse<List<PipedriveDeal>>? response = null;
        var deals = await ReadAsync(
            async () => response = await _deals.ListAsync(
                _options.PageSize,
                request.PageToken,
                request.ModifiedSince is { } since ? PipedriveValues.FormatSince(since) : null,
                incremental ? "update_time" : null,
                incremental ? "asc" : null,
                status: null,
                _includeFields,
                CustomFieldsFilter(fields),
                cancellationToken),
            DealsEndpoint);
        var (mapped, skipped) = await MapDealsAsync(deals, fields, cancellationToken);
        return new DealPage(mapped, NextCursor(response), skipped);
    }

    /// <summary>
    /// First the deleted deals (Pipedrive lists those deleted in the last 30 days; merged-away deals are deleted too), then
    /// the deals archived since <paramref name="since"/>.
    /// </summary>
    public async Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken)
    {
        var token = PipedriveRemovedToken.Parse(pageToken);
        if (token.Phase == PipedriveRemovedToken.DeletedPhase)
        {
            PipedriveResponse<List<PipedriveDeal>>? response = null;
            var deleted = await ReadAsync(
                async () => response = await _deals.ListAsync(
                    PipedriveLimits.MaxPageSize, token.Cursor, updatedSince: null, sortBy: null, sortDirection: null, status: "deleted",
                    includeFields: null, customFields: null, cancellationToken),
                DealsEndpoint);
            var next = NextCursor(response) is { } cursor
                ? PipedriveRemovedToken.Format(PipedriveRemovedToken.DeletedPhase, cursor)
                : PipedriveRemovedToken.Format(PipedriveRemovedToken.ArchivedPhase, null);
            return new RemovedDealsPage([.. deleted.Select(d => PipedriveValues.FormatId(d.Id))], next);
        }

        PipedriveResponse<List<PipedriveDeal>>? archivedResponse = null;
        var archived = await ReadAsync(
            async () => archivedResponse = await _deals.ListArchivedAsync(
                PipedriveLimits.MaxPageSize, token.Cursor, since is { } from ? PipedriveValues.FormatSince(from) : null, cancellationToken),
            "GET /api/v2/deals/archived");
        var nextArchived = NextCursor(archivedResponse) is { } archivedCursor
            ? PipedriveRemovedToken.Format(PipedriveRemovedToken.ArchivedPhase, archivedCursor)
            : null;
        return new RemovedDealsPage([.. archived.Select(d => PipedriveValues.FormatId(d.Id))], nextArchived);
    }

    public async Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var fields = await OrganizationFieldsAsync(cancellationToken);
        var companies = new List<Company>(ids.Count);
        foreach (var chunk in Chunks(ids))
        {
            var organizations = await ReadAsync(() => _organizations.ListByIdsAsync(chunk, PipedriveLimits.MaxIdsPerRequest, cancellationToken), "GET /api/v2/organizations");
            companies.AddRange(organizations.Select(o => _mapper.MapCompany(o, fields)));
        }

        return companies;
    }

    public async Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var fields = await PersonFieldsAsync(cancellationToken);
        var contacts = new List<Contact>(ids.Count);
        foreach (var chunk in Chunks(ids))
        {
            var persons = await ReadAsync(() => _persons.ListByIdsAsync(chunk, PipedriveLimits.MaxIdsPerRequest, cancellationToken), "GET /api/v2/persons");
            contacts.AddRange(persons.Select(p => _mapper.MapContact(p, fields)));
        }

        return contacts;
    }

    /// <summary>Searches the marker in custom fields (exact match), then reads each hit and keeps the one whose marker field holds exactly the marker.</summary>
    public async Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var fields = await DealFieldsAsync(cancellationToken);
        if (fields.Find(CanonicalFields.DealMarker) is not { } markerField)
        {
            // No deal can carry a marker the account has no field for; a create reports the missing field.
            return null;
        }

        var result = await ReadAsync(() => _deals.SearchAsync(marker, "custom_fields", "true", 10, cancellationToken), "GET /api/v2/deals/search");
        foreach (var hit in result.Items ?? [])
        {
            if (hit.Item is not { } item)
            {
                continue;
            }

            var deal = await ReadAsync(() => _deals.GetAsync(item.Id, _includeFields, cancellationToken), DealEndpoint);
            if (deal.IsDeleted || deal.CustomFields is null || !deal.CustomFields.TryGetValue(markerField.Key, out var value)
                || PipedriveFieldValues.Read(markerField, value) != marker)
            {
                continue;
            }

            return await MapOneAsync(deal, fields, DealEndpoint, cancellationToken);
        }

        return null;
    }

    /// <summary>Creates the deal with its first contact as its person, then adds every further contact as a participant (v1).</summary>
    public async Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var fields = await DealFieldsAsync(cancellationToken);
        var input = Translate(() => PipedriveMapper.ToInput(deal, fields), CreateEndpoint);
        var created = Required(await _deals.CreateAsync(input, cancellationToken), CreateEndpoint);
        var contactIds = deal.ContactIds.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var contactId in contactIds.Skip(1))
        {
            var personId = Translate(() => PipedriveValues.TryParseId(contactId, out var id) ? id : throw new PipedriveFieldMapException("contact", $"id '{contactId}' is not a Pipedrive id"), CreateEndpoint);
            await _deals.AddParticipantAsync(created.Id, new PipedriveParticipantInput { PersonId = personId }, cancellationToken);
        }

        var result = _mapper.MapDeal(created, fields, new PipedriveDealExtras(null, null, contactIds));
        return result.Deal ?? throw new CrmResponseException(Kind, Connection, CreateEndpoint, $"deal {created.Id} cannot be read: {result.SkipReason}");
    }

    public async Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var fields = await DealFieldsAsync(cancellationToken);
        var dealId = Translate(() => PipedriveValues.TryParseId(update.DealId, out var id) ? id : throw new PipedriveFieldMapException("deal", $"id '{update.DealId}' is not a Pipedrive id"), UpdateEndpoint);
        var input = Translate(() => PipedriveMapper.ToInput(update, fields), UpdateEndpoint);
        Required(await _deals.UpdateAsync(dealId, input, cancellationToken), UpdateEndpoint);

        // The PATCH answer lacks the activity and participant fields; read the deal back with them.
        var updated = await ReadAsync(() => _deals.GetAsync(dealId, _includeFields, cancellationToken), DealEndpoint);
        return await MapOneAsync(updated, fields, UpdateEndpoint, cancellationToken);
    }

    public async Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        const string Endpoint = "POST /api/v2/activities";
        var dealId = Translate(() => PipedriveValues.TryParseId(task.DealId, out var id) ? id : throw new PipedriveFieldMapException("deal", $"id '{task.DealId}' is not a Pipedrive id"), Endpoint);
        long? ownerId = task.OwnerId is { Length: > 0 } owner
            ? Translate(() => PipedriveValues.TryParseId(owner, out var id) ? id : throw new PipedriveFieldMapException("owner", $"id '{owner}' is not a Pipedrive id"), Endpoint)
            : null;
        var input = new PipedriveActivityInput
        {
            Subject = task.Subject,
            Type = "task",
            OwnerId = ownerId,
            DealId = dealId,
            DueDate = PipedriveValues.FormatDate(task.DueAt),
            DueTime = PipedriveValues.FormatTimeOfDay(task.DueAt),
            Note = task.Body,
            Done = false,
        };
        var created = Required(await _activities.CreateAsync(input, cancellationToken), Endpoint);
        return new CrmTask(
            Connection,
            PipedriveValues.FormatId(created.Id),
            PipedriveValues.FormatId(created.DealId ?? dealId),
            PipedriveValues.FormatId(created.OwnerId ?? ownerId),
            created.Subject ?? task.Subject,
            created.Note ?? task.Body,
            PipedriveValues.DueAt(created.DueDate, created.DueTime) ?? task.DueAt,
            created.Done);
    }

    public async Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        const string Endpoint = "POST /v1/notes";
        var dealId = Translate(() => PipedriveValues.TryParseId(note.DealId, out var id) ? id : throw new PipedriveFieldMapException("deal", $"id '{note.DealId}' is not a Pipedrive id"), Endpoint);
        var created = Required(await _notes.CreateAsync(new PipedriveNoteInput { Content = note.Body, DealId = dealId }, cancellationToken), Endpoint);
        PipedriveValues.TryParseTime(created.AddTime, out var addedAt);
        return new Note(Connection, PipedriveValues.FormatId(created.Id), PipedriveValues.FormatId(created.DealId ?? dealId), created.Content ?? note.Body, addedAt ?? _time.GetUtcNow());
    }

    /// <summary>
    /// Maps a page: reads the due times of every last and next activity in batches, and the persons of deals with several,
    /// up to <see cref="PipedriveOptions.ReadConcurrency"/> reads at once.
    /// </summary>
    private async Task<(List<Deal> Deals, List<SkippedRecord> Skipped)> MapDealsAsync(
        IReadOnlyList<PipedriveDeal> page, PipedriveFieldSet fields, CancellationToken cancellationToken)
    {
        var live = page.Where(d => !d.IsDeleted && !d.IsArchived).ToList();
        var activityIds = live.SelectMany(d => new[] { d.LastActivityId, d.NextActivityId }).OfType<long>().Distinct().ToList();
        var activities = new ConcurrentDictionary<long, PipedriveActivity>();
        var participants = new ConcurrentDictionary<long, IReadOnlyList<string>>();

        var reads = new List<Func<CancellationToken, Task>>();
        foreach (var chunk in activityIds.Chunk(_options.BatchReadSize))
        {
            var ids = string.Join(',', chunk.Select(PipedriveValues.FormatId));
            reads.Add(async ct =>
            {
                foreach (var activity in await ReadAsync(() => _activities.ListByIdsAsync(ids, PipedriveLimits.MaxIdsPerRequest, ct), "GET /api/v2/activities"))
                {
                    activities[activity.Id] = activity;
                }
            });
        }

        // A deal names only its primary person; the others need one list per deal, and only participants_count tells which.
        foreach (var deal in _options.ReadParticipants ? live.Where(d => d.ParticipantsCount > 1) : [])
        {
            reads.Add(async ct => participants[deal.Id] = await ParticipantsAsync(deal, ct));
        }

        await Parallel.ForEachAsync(
            reads,
            new ParallelOptions { MaxDegreeOfParallelism = _options.ReadConcurrency, CancellationToken = cancellationToken },
            async (read, ct) => await read(ct));

        var deals = new List<Deal>(live.Count);
        var skipped = new List<SkippedRecord>();
        foreach (var deal in live)
        {
            var contactIds = participants.GetValueOrDefault(deal.Id);
            var last = deal.LastActivityId is { } lastId && activities.TryGetValue(lastId, out var lastActivity)
                ? DoneAt(lastActivity)
                : null;
            var next = deal.NextActivityId is { } nextId && activities.TryGetValue(nextId, out var nextActivity)
                ? PipedriveValues.DueAt(nextActivity.DueDate, nextActivity.DueTime)
                : null;
            var result = _mapper.MapDeal(deal, fields, new PipedriveDealExtras(last, next, contactIds));
            if (result.Deal is { } mapped)
            {
                deals.Add(mapped);
            }
            else
            {
                skipped.Add(new SkippedRecord("deal", PipedriveValues.FormatId(deal.Id), result.SkipReason ?? "could not be mapped"));
            }
        }

        return (deals, skipped);
    }

    private async Task<Deal> MapOneAsync(PipedriveDeal deal, PipedriveFieldSet fields, string endpoint, CancellationToken cancellationToken)
    {
        var (deals, skipped) = await MapDealsAsync([deal], fields, cancellationToken);
        return deals.Count == 1
            ? deals[0]
            : throw new CrmResponseException(Kind, Connection, endpoint, $"deal {deal.Id} cannot be read: {skipped.FirstOrDefault()?.Reason ?? "it is deleted or archived"}");
    }

    /// <summary>Every person linked to the deal, its primary person first.</summary>
    private async Task<IReadOnlyList<string>> ParticipantsAsync(PipedriveDeal deal, CancellationToken cancellationToken)
    {
        var persons = await ReadAllAsync((cursor, ct) => _persons.ListByDealAsync(deal.Id, PipedriveLimits.MaxPageSize, cursor, ct), "GET /api/v2/persons", cancellationToken);
        var ids = new List<string>(persons.Count + 1);
        if (deal.PersonId is { } primary)
        {
            ids.Add(PipedriveValues.FormatId(primary));
        }

        ids.AddRange(persons.Select(p => PipedriveValues.FormatId(p.Id)).Where(id => !ids.Contains(id, StringComparer.Ordinal)));
        return ids;
    }

    private static DateTimeOffset? DoneAt(PipedriveActivity activity) =>
        PipedriveValues.TryParseTime(activity.MarkedAsDoneTime, out var done) && done is not null
            ? done
            : PipedriveValues.DueAt(activity.DueDate, activity.DueTime);

    private async Task<PipedriveFieldSet> DealFieldsAsync(CancellationToken cancellationToken) =>
        _dealFields ??= new PipedriveFieldSet("deal", await LoadFieldsAsync("dealFields", cancellationToken), _fieldMap.Deal);

    private async Task<PipedriveFieldSet> OrganizationFieldsAsync(CancellationToken cancellationToken) =>
        _organizationFields ??= new PipedriveFieldSet(
            "organization", _fieldMap.Company.Count == 0 ? [] : await LoadFieldsAsync("organizationFields", cancellationToken), _fieldMap.Company);

    private async Task<PipedriveFieldSet> PersonFieldsAsync(CancellationToken cancellationToken) =>
        _personFields ??= new PipedriveFieldSet(
            "person", _fieldMap.Contact.Count == 0 ? [] : await LoadFieldsAsync("personFields", cancellationToken), _fieldMap.Contact);

    private async Task<List<PipedriveField>> LoadFieldsAsync(string entity, CancellationToken cancellationToken)
    {
        var fields = new List<PipedriveField>();
        var start = 0;
        while (true)
        {
            PipedriveResponse<List<PipedriveField>>? response = null;
            var offset = start;
            fields.AddRange(await ReadAsync(async () => response = await _fields.ListAsync(entity, offset, PipedriveLimits.MaxPageSize, cancellationToken), $"GET /v1/{entity}"));
            if (response?.AdditionalData?.Pagination is not { MoreItemsInCollection: true, NextStart: { } next } || next <= start)
            {
                return fields;
            }

            start = next;
        }
    }

    private async Task<List<T>> ReadAllAsync<T>(
        Func<string?, CancellationToken, Task<PipedriveResponse<List<T>>>> read, string endpoint, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            PipedriveResponse<List<T>>? response = null;
            var current = cursor;
            all.AddRange(await ReadAsync(async () => response = await read(current, cancellationToken), endpoint));
            cursor = NextCursor(response);
        }
        while (cursor is not null);
        return all;
    }

    private static string? CustomFieldsFilter(PipedriveFieldSet fields)
    {
        var keys = fields.CustomKeys.ToList();
        return keys.Count is > 0 and <= PipedriveLimits.MaxCustomFieldsFilter ? string.Join(',', keys) : null;
    }

    private IEnumerable<string> Chunks(IReadOnlyCollection<string> ids) =>
        ids.Where(id => PipedriveValues.TryParseId(id, out _)).Distinct(StringComparer.Ordinal).Chunk(_options.BatchReadSize).Select(chunk => string.Join(',', chunk));

    private static string? NextCursor<T>(PipedriveResponse<T>? response) => PipedriveValues.NullIfEmpty(response?.AdditionalData?.NextCursor);

    private T Translate<T>(Func<T> map, string endpoint)
    {
        try
        {
            return map();
        }
        catch (PipedriveFieldMapException ex)
        {
            throw new CrmValidationException(Kind, Connection, endpoint, ex.Message, ex);
        }
    }

    /// <summary>A read's data; a malformed or cut-off body was already read again by the HTTP pipeline.</summary>
    private async Task<T> ReadAsync<T>(Func<Task<PipedriveResponse<T>>> read, string endpoint)
        where T : class => Required(await read(), endpoint);

    private T Required<T>(PipedriveResponse<T>? response, string endpoint)
        where T : class =>
        response?.Data ?? throw new CrmResponseException(Kind, Connection, endpoint, "empty response body");
}
