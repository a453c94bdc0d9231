using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>
/// The sandbox dataset served as a Pipedrive company account (API v2, and v1 where v2 has no endpoint) under the path
/// prefix <c>/pipedrive</c>, stateful: writes through the API or through the members here change what later reads
/// return. Custom fields have 40-character hash keys; won and lost are the deal's status. Thread-safe.
/// </summary>
public sealed partial class PipedriveSandbox : ISandboxCrm
{
    /// <summary>The path prefix of the account on the sandbox server.</summary>
    public const string PathPrefix = "/pipedrive";

    /// <summary>The custom deal field (enum) holding <c>deal.source</c>.</summary>
    public const string SourceFieldName = PipedriveSchema.SourceName;

    /// <summary>The custom deal field holding CrmBridge's idempotency markers.</summary>
    public const string MarkerFieldName = PipedriveSchema.MarkerName;

    /// <summary>The custom organization fields holding <c>company.website</c>, <c>company.inn</c>, <c>company.industry</c> and <c>company.phone</c>.</summary>
    public const string WebsiteFieldName = PipedriveSchema.WebsiteName;

    public const string InnFieldName = PipedriveSchema.InnName;

    public const string IndustryFieldName = PipedriveSchema.IndustryName;

    public const string PhoneFieldName = PipedriveSchema.PhoneName;

    /// <summary>The custom person field (enum) holding <c>contact.role</c>.</summary>
    public const string BuyingRoleFieldName = PipedriveSchema.BuyingRoleName;

    private readonly PipedriveAccount account;
    private readonly IReadOnlyList<SandboxPipeline> datasetPipelines;
    private readonly PipedriveApi api;
    private readonly SandboxClock clock;
    private readonly SandboxRequestLog log = new();
    private readonly SandboxRateLimiter? rateLimiter;
    private readonly Lock tokenGate = new();
    private string apiToken;
    private string oauthToken;
    private bool tokenExpired;

    internal PipedriveSandbox(SandboxDataset dataset, SandboxServer server, SandboxClock clock, SandboxOptions options)
    {
        this.clock = clock;
        BaseUrl = new Uri(server.BaseUrl.AbsoluteUri.TrimEnd('/') + PathPrefix);
        apiToken = options.PipedriveToken ?? NewApiToken();
        oauthToken = NewOAuthToken();
        account = new PipedriveAccount(dataset, () => clock.Now);
        datasetPipelines = dataset.Pipelines;
        api = new PipedriveApi(account);
        rateLimiter = options.PipedriveRateLimit is { } limit ? new SandboxRateLimiter(limit) : null;
        MapRoutes(server);
    }

    /// <summary>The account's address, e.g. <c>http://127.0.0.1:5123/pipedrive</c>: what <c>https://{companydomain}.pipedrive.com</c> is for a real one.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The API token the account accepts in <c>x-api-token</c>: 40 hexadecimal characters, a sandbox credential.</summary>
    public string ApiToken
    {
        get
        {
            lock (tokenGate)
            {
                return apiToken;
            }
        }
    }

    /// <summary>An OAuth access token the account accepts as <c>Authorization: Bearer</c> (a sandbox credential).</summary>
    public string OAuthToken
    {
        get
        {
            lock (tokenGate)
            {
                return oauthToken;
            }
        }
    }

    /// <summary>Deals neither deleted nor archived.</summary>
    public int DealCount
    {
        get
        {
            lock (account.Gate)
            {
                return account.LiveDealCount;
            }
        }
    }

    /// <summary>Requests received under <see cref="PathPrefix"/> since start or the last <see cref="ResetRequestLog"/>, oldest first.</summary>
    public IReadOnlyList<SandboxRequest> Requests => log.Snapshot();

    /// <summary>Canonical field name to this account's field names, as a connection's FieldMap: names, never hashes.</summary>
    public static IReadOnlyDictionary<string, string> FieldMap { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [CanonicalFields.DealSource] = SourceFieldName,
        [CanonicalFields.DealMarker] = MarkerFieldName,
        [CanonicalFields.CompanyWebsite] = WebsiteFieldName,
        [CanonicalFields.CompanyInn] = InnFieldName,
        [CanonicalFields.CompanyIndustry] = IndustryFieldName,
        [CanonicalFields.CompanyPhone] = PhoneFieldName,
        [CanonicalFields.ContactRole] = BuyingRoleFieldName,
    };

    /// <summary>The 40-character key of a custom deal field, by name.</summary>
    public static string DealFieldKey(string name) => PipedriveSchema.DealKey(name);

    /// <summary>The 40-character key of a custom organization field, by name.</summary>
    public static string OrganizationFieldKey(string name) => PipedriveSchema.OrganizationKey(name);

    /// <summary>The 40-character key of a custom person field, by name.</summary>
    public static string PersonFieldKey(string name) => PipedriveSchema.PersonKey(name);

    /// <summary>The option id of a <see cref="SourceFieldName"/> label (the dataset's <c>deal.source</c> value).</summary>
    public static long SourceOptionId(string label) =>
        PipedriveSchema.DealField(SourceFieldName).Option(label)?.Id ?? throw new ArgumentException($"No source option '{label}'.", nameof(label));

    public void ResetRequestLog() => log.Reset();

    /// <summary>Makes both tokens fail with 401 from now on (as a revoked API token or an expired OAuth token does).</summary>
    public void ExpireToken()
    {
        lock (tokenGate)
        {
            tokenExpired = true;
        }
    }

    /// <summary>Issues new tokens, accepted from now on; the old ones stop working. Returns the new API token.</summary>
    public string RenewToken()
    {
        lock (tokenGate)
        {
            apiToken = NewApiToken();
            oauthToken = NewOAuthToken();
            tokenExpired = false;
            return apiToken;
        }
    }

    /// <summary>The deal's server-side state, deleted and archived ones included.</summary>
    /// <exception cref="KeyNotFoundException">No deal has that id.</exception>
    public PipedriveSandboxDeal GetDeal(string dealId)
    {
        lock (account.Gate)
        {
            return Snapshot(FindDeal(dealId, live: false));
        }
    }

    /// <summary>Every deal the account holds, deleted and archived ones included, ordered by id.</summary>
    public IReadOnlyList<PipedriveSandboxDeal> Deals
    {
        get
        {
            lock (account.Gate)
            {
                return [.. account.Deals.Select(Snapshot)];
            }
        }
    }

    /// <summary>Activities (tasks) created through the API, as (id, deal id, owner id, subject, due).</summary>
    public IReadOnlyList<(string Id, string? DealId, string? OwnerId, string Subject, DateTimeOffset DueAt)> CreatedActivities
    {
        get
        {
            lock (account.Gate)
            {
                return
                [
                    .. account.Activities.Where(a => a.Type == "task" && a.Subject != "Follow up")
                        .Select(a => (Id(a.Id), a.DealId is { } d ? Id(d) : null, a.OwnerId is { } o ? Id(o) : null, a.Subject, a.DueAt)),
                ];
            }
        }
    }

    /// <summary>Notes created through the API, as (id, deal id, content).</summary>
    public IReadOnlyList<(string Id, string DealId, string Content)> Notes
    {
        get
        {
            lock (account.Gate)
            {
                return [.. account.Notes.Select(n => (Id(n.Id), Id(n.DealId), n.Content))];
            }
        }
    }

    /// <summary>Moves the deal to a stage as a user would: the pipeline follows the stage; update and stage-change times move on.</summary>
    public PipedriveSandboxDeal MoveDealToStage(string dealId, string stageId) =>
        Change(dealId, change => change.Standard["stage_id"] = ParseId(stageId, nameof(stageId)));

    /// <summary>Sets the deal's title as a user would.</summary>
    public PipedriveSandboxDeal RenameDealTo(string dealId, string title) => Change(dealId, change => change.Standard["title"] = title);

    /// <summary>Marks the deal won or lost (or open again) as a user would; its stage is kept.</summary>
    public PipedriveSandboxDeal SetDealStatus(string dealId, DealStatus status, string? lostReason = null) =>
        Change(dealId, change =>
        {
            change.Standard["status"] = status switch { DealStatus.Won => "won", DealStatus.Lost => "lost", _ => "open" };
            if (status == DealStatus.Lost)
            {
                change.Standard["lost_reason"] = lostReason;
            }
        });

    /// <summary>Deletes the deal: it leaves the lists and shows in the deleted list (<c>status=deleted</c>) for 30 days.</summary>
    public void DeleteDeal(string dealId)
    {
        lock (account.Gate)
        {
            account.DeleteDeal(FindDeal(dealId, live: true));
        }
    }

    /// <summary>Archives the deal: it leaves the deal list and shows in <c>/api/v2/deals/archived</c>.</summary>
    public void ArchiveDeal(string dealId)
    {
        lock (account.Gate)
        {
            account.ArchiveDeal(FindDeal(dealId, live: true));
        }
    }

    /// <summary>Merges a deal into another as a user would: its persons and activities move over and it is deleted.</summary>
    public void MergeDeals(string fromDealId, string intoDealId)
    {
        lock (account.Gate)
        {
            var from = FindDeal(fromDealId, live: true);
            var into = FindDeal(intoDealId, live: true);
            if (from.Id == into.Id)
            {
                throw new ArgumentException("A deal cannot be merged into itself.", nameof(intoDealId));
            }

            account.MergeDeals(from, into);
        }
    }

    public string GetDealId(string dealKey) => Id(account.DealId(dealKey), "deal", dealKey);

    public string? FindDealKey(string dealId)
    {
        lock (account.Gate)
        {
            return long.TryParse(dealId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? account.Deal(id)?.DatasetKey : null;
        }
    }

    public string GetCompanyId(string companyKey) => Id(account.OrganizationId(companyKey), "company", companyKey);

    public string GetContactId(string contactKey) => Id(account.PersonId(contactKey), "contact", contactKey);

    public string GetOwnerId(string ownerKey) => Id(account.UserId(ownerKey), "owner", ownerKey);

    /// <summary>A connection to this account, ready for <c>CrmBridge:Connections</c>: BaseUrl, the API token and the field map by names.</summary>
    public ConnectionOptions CreateConnectionOptions(string name = "sandbox-pipedrive")
    {
        var connection = new ConnectionOptions
        {
            Name = name,
            Kind = nameof(CrmKind.Pipedrive),
            BaseUrl = BaseUrl,
            Token = ApiToken,
            Pipelines = new PipelineRolesOptions
            {
                Sales = [GetPipelineId(SandboxStageKeys.SalesPipeline)],
                ClientSuccess = GetPipelineId(SandboxStageKeys.ClientSuccessPipeline),
            },
        };
        foreach (var (canonical, field) in FieldMap)
        {
            connection.FieldMap[canonical] = field;
        }

        return connection;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Id(long? id, string what, string key) =>
        id is { } value ? Id(value) : throw new KeyNotFoundException($"The dataset has no {what} {key}.");

    private static long ParseId(string id, string parameter) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"'{id}' is not a Pipedrive id.", parameter);

    private static string NewApiToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    private static string NewOAuthToken() => "v1:sandbox-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private PipedriveSandboxDeal Change(string dealId, Action<PipedriveDealChange> describe)
    {
        lock (account.Gate)
        {
            var deal = FindDeal(dealId, live: true);
            var change = new PipedriveDealChange();
            describe(change);
            try
            {
                account.Validate(change, deal);
            }
            catch (PipedriveRequestException ex)
            {
                throw new ArgumentException($"Cannot change deal {dealId}: {System.Text.Encoding.UTF8.GetString(ex.Response.Body ?? [])}", nameof(dealId), ex);
            }

            account.UpdateDeal(deal, change);
            return Snapshot(deal);
        }
    }

    private PipedriveDealRow FindDeal(string dealId, bool live)
    {
        var deal = long.TryParse(dealId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? account.Deal(id) : null;
        return deal is not null && (!live || (!deal.IsDeleted && !deal.IsArchived))
            ? deal
            : throw new KeyNotFoundException($"No {(live ? "live " : "")}deal has id {dealId}.");
    }

    private PipedriveSandboxDeal Snapshot(PipedriveDealRow d)
    {
        var custom = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in PipedriveSchema.DealFields.Where(f => f.IsCustom))
        {
            custom[field.Name] = d.CustomFields.GetValueOrDefault(field.Key) switch
            {
                null => null,
                long option when field.Options.Count > 0 => field.Option(option)?.Label,
                IEnumerable<long> options => string.Join(";", options.Select(o => field.Option(o)?.Label)),
                var value => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        return new PipedriveSandboxDeal(
            Id(d.Id), d.Title, Id(d.PipelineId), Id(d.StageId), d.Status, d.Value, d.Currency, Id(d.OwnerId),
            d.OrgId is { } org ? Id(org) : null, d.PersonId is { } person ? Id(person) : null, [.. d.Participants.Select(Id)],
            d.LostReason, d.AddTime, d.UpdateTime, d.StageChangeTime, d.IsDeleted, d.IsArchived,
            d.MergedInto is { } merged ? Id(merged) : null, custom, d.DatasetKey);
    }

    private void MapRoutes(SandboxServer server)
    {
        const string Id = "(?<id>[0-9]+)";
        Map(server, "GET", "/api/v2/deals", 1, (r, _) => api.ListDeals(r, archivedList: false));
        Map(server, "GET", "/api/v2/deals/archived", 1, (r, _) => api.ListDeals(r, archivedList: true));
        Map(server, "GET", "/api/v2/deals/search", 1, (r, _) => api.SearchDeals(r));
        Map(server, "POST", "/api/v2/deals", 1, (r, _) => api.CreateDeal(r));
        Map(server, "GET", $"/api/v2/deals/{Id}", 2, (r, m) => api.GetDeal(r, m["id"].Value));
        Map(server, "PATCH", $"/api/v2/deals/{Id}", 2, (r, m) => api.UpdateDeal(r, m["id"].Value));
        Map(server, "DELETE", $"/api/v2/deals/{Id}", 2, (_, m) => api.DeleteDeal(m["id"].Value));
        Map(server, "POST", $"/v1/deals/{Id}/participants", 1, (r, m) => api.AddParticipant(r, m["id"].Value));
        Map(server, "GET", "/api/v2/pipelines", 1, (r, _) => api.Pipelines(r));
        Map(server, "GET", "/api/v2/stages", 1, (r, _) => api.Stages(r));
        Map(server, "GET", "/api/v2/organizations", 1, (r, _) => api.Organizations(r));
        Map(server, "GET", "/api/v2/persons", 1, (r, _) => api.Persons(r));
        Map(server, "GET", "/api/v2/activities", 1, (r, _) => api.Activities(r));
        Map(server, "POST", "/api/v2/activities", 1, (r, _) => api.CreateActivity(r));
        Map(server, "GET", "/v1/users", 1, (_, _) => api.Users());
        Map(server, "GET", "/v1/(?<entity>dealFields|organizationFields|personFields)", 1, (r, m) => api.Fields(r, m["entity"].Value));
        Map(server, "GET", "/v1/notes", 1, (r, _) => api.ListNotes(r));
        Map(server, "POST", "/v1/notes", 1, (r, _) => api.CreateNote(r));
        server.Map(null, AnyPipedrivePath(), 100, (r, route) => Handle(r, route, _ => PipedriveErrors.NotFound($"No endpoint {r.Method} {r.Path}")));
    }

    private void Map(SandboxServer server, string method, string path, int priority, Func<SandboxHttpRequest, GroupCollection, SandboxHttpResponse> endpoint) =>
        server.Map(method, new Regex($"^{PathPrefix}{path}/?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture), priority, (r, route) => Handle(r, route, m => endpoint(r, m)));

    [GeneratedRegex("^/pipedrive(/.*)?$")]
    private static partial Regex AnyPipedrivePath();

    private SandboxHttpResponse Handle(SandboxHttpRequest request, Match route, Func<GroupCollection, SandboxHttpResponse> endpoint)
    {
        var now = clock.Now;
        SandboxHttpResponse response;
        var remaining = -1;
        var retryAfter = TimeSpan.Zero;
        if (!IsAuthorized(request))
        {
            response = PipedriveErrors.Unauthorized();
        }
        else if (rateLimiter is not null && !rateLimiter.TryAcquire(now, out retryAfter, out remaining))
        {
            response = PipedriveErrors.RateLimited();
            if (rateLimiter.Limit.SendRetryAfter)
            {
                response.WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
            }
        }
        else
        {
            try
            {
                lock (account.Gate)
                {
                    response = endpoint(route.Groups);
                }
            }
            catch (PipedriveRequestException ex)
            {
                response = ex.Response;
            }
            catch (Exception ex)
            {
                // A defect in the sandbox still answers in Pipedrive's error shape, so the client under test reports it readably.
                response = PipedriveErrors.Internal(ex.Message);
            }
        }

        if (rateLimiter is not null)
        {
            var reset = remaining < 0 ? retryAfter : rateLimiter.Limit.Window;
            response.WithHeader("x-ratelimit-limit", rateLimiter.Limit.PermitLimit.ToString(CultureInfo.InvariantCulture))
                .WithHeader("x-ratelimit-remaining", Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture))
                .WithHeader("x-ratelimit-reset", Math.Max(0, reset.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture));
        }

        log.Add(new SandboxRequest(request.Method, request.Path, request.RawQuery, request.Body, response.StatusCode, now));
        return response;
    }

    private bool IsAuthorized(SandboxHttpRequest request)
    {
        var apiKey = request.Header("x-api-token");
        var bearer = request.Header("Authorization");
        lock (tokenGate)
        {
            return !tokenExpired && ((apiKey is not null && apiKey == apiToken) || (bearer is not null && bearer == $"Bearer {oauthToken}"));
        }
    }
}
