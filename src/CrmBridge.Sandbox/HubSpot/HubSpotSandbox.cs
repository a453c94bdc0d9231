using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>
/// The sandbox dataset served as a HubSpot portal (CRM v3/v4 wire contract), stateful: writes through the API or
/// through the members here change what later reads return. Thread-safe.
/// </summary>
public sealed partial class HubSpotSandbox : ISandboxCrm
{
    /// <summary>The Sales pipeline's id.</summary>
    public const string SalesPipelineId = HubSpotSchema.SalesPipelineId;

    /// <summary>The Client Success pipeline's id.</summary>
    public const string ClientSuccessPipelineId = HubSpotSchema.ClientSuccessPipelineId;

    /// <summary>The custom deal property holding <c>deal.source</c>.</summary>
    public const string LeadSourceProperty = HubSpotSchema.LeadSourceProperty;

    /// <summary>The custom company property holding <c>company.inn</c>.</summary>
    public const string InnProperty = HubSpotSchema.InnProperty;

    /// <summary>The custom deal property holding CrmBridge's idempotency markers.</summary>
    public const string MarkerProperty = HubSpotSchema.MarkerProperty;

    private const string TenSecondlyMessage = "You have reached your ten_secondly_rolling limit.";
    private const string SecondlyMessage = "You have reached your secondly limit.";

    private readonly HubSpotPortal portal;
    private readonly HubSpotApi api;
    private readonly SandboxClock clock;
    private readonly SandboxRequestLog log = new();
    private readonly SandboxRateLimiter? rateLimiter;
    private readonly SandboxRateLimiter? searchRateLimiter;
    private readonly Lock tokenGate = new();
    private string token;
    private bool tokenExpired;

    internal HubSpotSandbox(SandboxDataset dataset, SandboxServer server, SandboxClock clock, SandboxOptions options)
    {
        this.clock = clock;
        BaseUrl = server.BaseUrl;
        token = options.HubSpotToken ?? NewToken();
        portal = new HubSpotPortal(dataset, () => clock.Now);
        api = new HubSpotApi(portal, BaseUrl);
        rateLimiter = options.HubSpotRateLimit is { } limit ? new SandboxRateLimiter(limit) : null;
        searchRateLimiter = options.HubSpotSearchRateLimit is { } searchLimit ? new SandboxRateLimiter(searchLimit) : null;
        MapRoutes(server);
    }

    /// <summary>The portal's API root, e.g. <c>http://127.0.0.1:5123</c>; the endpoints live under <c>/crm/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The access token the portal currently accepts as <c>Authorization: Bearer</c> (a sandbox credential, not a real one).</summary>
    public string Token
    {
        get
        {
            lock (tokenGate)
            {
                return token;
            }
        }
    }

    /// <summary>Live (not archived) deals.</summary>
    public int DealCount
    {
        get
        {
            lock (portal.Gate)
            {
                return portal.Deals.LiveCount;
            }
        }
    }

    /// <summary>Every deal the portal holds, archived ones included (flagged), ordered by id.</summary>
    public IReadOnlyList<HubSpotSandboxObject> Deals => Snapshot(HubSpotSchema.Deals);

    /// <summary>Every task created through the API, ordered by id.</summary>
    public IReadOnlyList<HubSpotSandboxObject> Tasks => Snapshot(HubSpotSchema.Tasks);

    /// <summary>Every note created through the API, ordered by id.</summary>
    public IReadOnlyList<HubSpotSandboxObject> Notes => Snapshot(HubSpotSchema.Notes);

    /// <summary>Requests received under <c>/crm/</c> since start or the last <see cref="ResetRequestLog"/>, oldest first.</summary>
    public IReadOnlyList<SandboxRequest> Requests => log.Snapshot();

    /// <summary>Canonical field name to this portal's property, as a connection's FieldMap.</summary>
    public static IReadOnlyDictionary<string, string> FieldMap { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [CanonicalFields.DealSource] = LeadSourceProperty,
        [CanonicalFields.CompanyInn] = InnProperty,
        [CanonicalFields.DealMarker] = MarkerProperty,
    };

    /// <summary>The HubSpot stage id of a dataset stage key (<see cref="SandboxStageKeys"/>): the same lowercase key.</summary>
    public static string StageId(string stageKey) => HubSpotSchema.StageId(stageKey);

    /// <summary>The HubSpot pipeline id of a dataset pipeline key: <c>default</c> for Sales, <c>clientsuccess</c>.</summary>
    public static string PipelineId(string pipelineKey) => HubSpotSchema.PipelineId(pipelineKey);

    public void ResetRequestLog() => log.Reset();

    /// <summary>Makes the current token fail with 401 from now on (as an expired OAuth token does).</summary>
    public void ExpireToken()
    {
        lock (tokenGate)
        {
            tokenExpired = true;
        }
    }

    /// <summary>Issues a new token, accepted from now on, and returns it; the old one stops working.</summary>
    public string RenewToken()
    {
        lock (tokenGate)
        {
            token = NewToken();
            tokenExpired = false;
            return token;
        }
    }

    /// <summary>The deal's server-side state.</summary>
    /// <exception cref="KeyNotFoundException">No deal has that id.</exception>
    public HubSpotSandboxObject GetDeal(string dealId)
    {
        lock (portal.Gate)
        {
            return FindDeal(dealId, live: false).Snapshot();
        }
    }

    /// <summary>Changes deal properties as a CRM user would, bumping <c>hs_lastmodifieddate</c> (and the stage-entered time on a stage change).</summary>
    /// <exception cref="KeyNotFoundException">No live deal has that id.</exception>
    /// <exception cref="ArgumentException">A property does not exist or a value is invalid.</exception>
    public HubSpotSandboxObject ChangeDeal(string dealId, IReadOnlyDictionary<string, string?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        lock (portal.Gate)
        {
            var deal = FindDeal(dealId, live: true);
            try
            {
                portal.Update(portal.Deals, deal, properties, fromApi: false);
            }
            catch (HubSpotRequestException ex)
            {
                throw new ArgumentException($"Cannot change deal {dealId}: {System.Text.Encoding.UTF8.GetString(ex.Response.Body ?? [])}", nameof(properties), ex);
            }

            return deal.Snapshot();
        }
    }

    /// <inheritdoc cref="ChangeDeal(string, IReadOnlyDictionary{string, string?})"/>
    public HubSpotSandboxObject ChangeDeal(string dealId, string property, string? value) =>
        ChangeDeal(dealId, new Dictionary<string, string?>(StringComparer.Ordinal) { [property] = value });

    /// <summary>Moves the deal to a stage (of its pipeline, or of another pipeline, which it then moves to too).</summary>
    public HubSpotSandboxObject MoveDealToStage(string dealId, string stageId)
    {
        var pipeline = portal.Pipelines.FirstOrDefault(p => p.Stages.Any(s => s.Id == stageId))
            ?? throw new ArgumentException($"No pipeline has stage {stageId}.", nameof(stageId));
        return ChangeDeal(dealId, new Dictionary<string, string?>(StringComparer.Ordinal) { ["pipeline"] = pipeline.Id, ["dealstage"] = stageId });
    }

    /// <summary>Archives the deal: it leaves the live list and search and appears in the archived list. Does not bump <c>hs_lastmodifieddate</c>.</summary>
    public void ArchiveDeal(string dealId)
    {
        lock (portal.Gate)
        {
            portal.Deals.Archive(FindDeal(dealId, live: true), clock.Now);
        }
    }

    /// <summary>The HubSpot id of a dataset deal.</summary>
    public string GetDealId(string dealKey) => Id(portal.DealId(dealKey), "deal", dealKey);

    /// <summary>The dataset key of a HubSpot deal id; null for deals created through the API.</summary>
    public string? FindDealKey(string dealId)
    {
        lock (portal.Gate)
        {
            return long.TryParse(dealId, out var id) ? portal.Deals.Find(id)?.DatasetKey : null;
        }
    }

    public string GetCompanyId(string companyKey) => Id(portal.CompanyId(companyKey), "company", companyKey);

    public string GetContactId(string contactKey) => Id(portal.ContactId(contactKey), "contact", contactKey);

    public string GetOwnerId(string ownerKey) => Id(portal.OwnerId(ownerKey), "owner", ownerKey);

    /// <summary>A connection to this portal, ready for <c>CrmBridge:Connections</c>.</summary>
    public ConnectionOptions CreateConnectionOptions(string name = "sandbox-hubspot")
    {
        var connection = new ConnectionOptions
        {
            Name = name,
            Kind = nameof(CrmKind.HubSpot),
            BaseUrl = BaseUrl,
            Token = Token,
            Pipelines = new PipelineRolesOptions { Sales = [SalesPipelineId], ClientSuccess = ClientSuccessPipelineId },
        };
        foreach (var (canonical, property) in FieldMap)
        {
            connection.FieldMap[canonical] = property;
        }

        return connection;
    }

    private static string Id(long? id, string what, string key) =>
        id is { } value ? value.ToString(CultureInfo.InvariantCulture) : throw new KeyNotFoundException($"The dataset has no {what} {key}.");

    private HubSpotObject FindDeal(string dealId, bool live)
    {
        var deal = long.TryParse(dealId, out var id) ? portal.Deals.Find(id) : null;
        return deal is not null && (!live || !deal.Archived) ? deal : throw new KeyNotFoundException($"No {(live ? "live " : "")}deal has id {dealId}.");
    }

    private List<HubSpotSandboxObject> Snapshot(string type)
    {
        lock (portal.Gate)
        {
            return [.. portal.Stores[type].All.Select(o => o.Snapshot())];
        }
    }

    private static string NewToken() => "pat-sandbox-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private void MapRoutes(SandboxServer server)
    {
        const string Type = "(?<type>[^/]+)";
        server.Map("GET", Route($"/crm/v3/objects/{Type}"), 1, (r, route) => Handle(r, route, false, m => api.List(r, Segment(m, "type"))));
        server.Map("POST", Route($"/crm/v3/objects/{Type}"), 1, (r, route) => Handle(r, route, false, m => api.Create(r, Segment(m, "type"))));
        server.Map("POST", Route($"/crm/v3/objects/{Type}/search"), 1, (r, route) => Handle(r, route, true, m => api.Search(r, Segment(m, "type"))));
        server.Map("POST", Route($"/crm/v3/objects/{Type}/batch/read"), 1, (r, route) => Handle(r, route, false, m => api.BatchRead(r, Segment(m, "type"))));
        server.Map("GET", Route($"/crm/v3/objects/{Type}/(?<id>[^/]+)"), 2, (r, route) => Handle(r, route, false, m => api.Get(r, Segment(m, "type"), Segment(m, "id"))));
        server.Map("PATCH", Route($"/crm/v3/objects/{Type}/(?<id>[^/]+)"), 2, (r, route) => Handle(r, route, false, m => api.Update(r, Segment(m, "type"), Segment(m, "id"))));
        server.Map("DELETE", Route($"/crm/v3/objects/{Type}/(?<id>[^/]+)"), 2, (r, route) => Handle(r, route, false, m => api.Archive(Segment(m, "type"), Segment(m, "id"))));
        server.Map("POST", Route("/crm/v4/associations/(?<from>[^/]+)/(?<to>[^/]+)/batch/read"), 1, (r, route) => Handle(r, route, false, m => api.AssociationsBatchRead(r, Segment(m, "from"), Segment(m, "to"))));
        server.Map("GET", Route($"/crm/v3/pipelines/{Type}"), 1, (r, route) => Handle(r, route, false, m => api.Pipelines(Segment(m, "type"), null)));
        server.Map("GET", Route($"/crm/v3/pipelines/{Type}/(?<id>[^/]+)"), 1, (r, route) => Handle(r, route, false, m => api.Pipelines(Segment(m, "type"), Segment(m, "id"))));
        server.Map("GET", Route("/crm/v3/owners"), 1, (r, route) => Handle(r, route, false, _ => api.Owners(r, null)));
        server.Map("GET", Route("/crm/v3/owners/(?<id>[^/]+)"), 1, (r, route) => Handle(r, route, false, m => api.Owners(r, Segment(m, "id"))));
        server.Map("GET", Route($"/crm/v3/properties/{Type}"), 1, (r, route) => Handle(r, route, false, m => api.Properties(Segment(m, "type"))));
        server.Map(null, AnyCrmPath(), 100, (r, route) => Handle(r, route, false, _ => HubSpotErrors.NotFound($"No endpoint {r.Method} {r.Path}.")));
    }

    private static string Segment(GroupCollection groups, string name) => Uri.UnescapeDataString(groups[name].Value);

    private static Regex Route(string pattern) => new($"^{pattern}/?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    [GeneratedRegex("^/crm(/.*)?$")]
    private static partial Regex AnyCrmPath();

    private SandboxHttpResponse Handle(SandboxHttpRequest request, Match route, bool isSearch, Func<GroupCollection, SandboxHttpResponse> endpoint)
    {
        var now = clock.Now;
        SandboxHttpResponse response;
        var remaining = -1;
        if (!IsAuthorized(request))
        {
            response = HubSpotErrors.Unauthorized();
        }
        else if (rateLimiter is not null && !rateLimiter.TryAcquire(now, out var retryAfter, out remaining))
        {
            response = RateLimited(rateLimiter.Limit, retryAfter, TenSecondlyMessage, "TEN_SECONDLY_ROLLING");
        }
        else if (isSearch && searchRateLimiter is not null && !searchRateLimiter.TryAcquire(now, out var searchRetryAfter, out _))
        {
            response = RateLimited(searchRateLimiter.Limit, searchRetryAfter, SecondlyMessage, "SECONDLY");
        }
        else
        {
            try
            {
                lock (portal.Gate)
                {
                    response = endpoint(route.Groups);
                }
            }
            catch (HubSpotRequestException ex)
            {
                response = ex.Response;
            }
            catch (Exception ex)
            {
                // A defect in the sandbox still answers in HubSpot's error shape, so the client under test reports it readably.
                response = HubSpotErrors.Internal(ex.Message);
            }
        }

        if (rateLimiter is not null)
        {
            response.WithHeader("X-HubSpot-RateLimit-Interval-Milliseconds", ((long)rateLimiter.Limit.Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
                .WithHeader("X-HubSpot-RateLimit-Max", rateLimiter.Limit.PermitLimit.ToString(CultureInfo.InvariantCulture))
                .WithHeader("X-HubSpot-RateLimit-Remaining", Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture));
        }

        log.Add(new SandboxRequest(request.Method, request.Path, request.RawQuery, request.Body, response.StatusCode, now));
        return response;
    }

    private static SandboxHttpResponse RateLimited(SandboxRateLimit limit, TimeSpan retryAfter, string message, string policy)
    {
        var response = HubSpotErrors.RateLimited(message, policy);
        if (limit.SendRetryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            response.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    private bool IsAuthorized(SandboxHttpRequest request)
    {
        var header = request.Header("Authorization");
        lock (tokenGate)
        {
            return !tokenExpired && header is not null && header == $"Bearer {token}";
        }
    }
}
