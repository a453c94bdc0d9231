using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>
/// The sandbox dataset served as an amoCRM (Kommo) account, API v4 in HAL JSON under <c>/amocrm/</c>, stateful: writes
/// through the API or through the members here change what later reads return. It accepts a long-lived token, and OAuth
/// access tokens from its token endpoint, whose refresh tokens work once. Thread-safe.
/// </summary>
public sealed partial class AmoCrmSandbox : ISandboxCrm
{
    /// <summary>The path every amoCRM endpoint of the sandbox lives under.</summary>
    public const string PathPrefix = "/amocrm";

    /// <summary>The Sales pipeline's id.</summary>
    public const long SalesPipelineId = AmoCrmSchema.SalesPipelineId;

    /// <summary>The Client Success pipeline's id.</summary>
    public const long ClientSuccessPipelineId = AmoCrmSchema.ClientSuccessPipelineId;

    private readonly AmoCrmAccount account;
    private readonly AmoCrmApi api;
    private readonly AmoCrmOAuthServer oauth;
    private readonly SandboxClock clock;
    private readonly SandboxRequestLog log = new();
    private readonly SandboxRateLimiter? rateLimiter;
    private readonly Lock tokenGate = new();
    private readonly string token;
    private bool tokenExpired;

    internal AmoCrmSandbox(SandboxDataset dataset, SandboxServer server, SandboxClock clock, SandboxOptions options)
    {
        this.clock = clock;
        BaseUrl = new Uri(server.BaseUrl, PathPrefix + "/");
        token = options.AmoCrmToken ?? NewToken();
        account = new AmoCrmAccount(dataset, () => clock.Now);
        api = new AmoCrmApi(account, BaseUrl);
        oauth = new AmoCrmOAuthServer(() => clock.Now.ToUnixTimeSeconds());
        rateLimiter = options.AmoCrmRateLimit is { } limit ? new SandboxRateLimiter(limit) : null;
        MapRoutes(server);
    }

    /// <summary>The account's address, e.g. <c>http://127.0.0.1:5123/amocrm/</c>; the API lives under <c>api/v4/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The long-lived token the account accepts as <c>Authorization: Bearer</c> (a sandbox credential, not a real one).</summary>
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

    /// <summary>The OAuth integration's client id.</summary>
    public string OAuthClientId => oauth.ClientId;

    /// <summary>The OAuth integration's client secret (a sandbox credential).</summary>
    public string OAuthClientSecret => oauth.ClientSecret;

    /// <summary>The redirect URI registered with the OAuth integration.</summary>
    public Uri OAuthRedirectUri => oauth.RedirectUri;

    /// <summary>How long the access tokens the token endpoint issues live.</summary>
    /// <value>Defaults to one day, as amoCRM's do.</value>
    public TimeSpan AccessTokenLifetime
    {
        get
        {
            lock (tokenGate)
            {
                return oauth.AccessTokenLifetime;
            }
        }

        set
        {
            lock (tokenGate)
            {
                oauth.AccessTokenLifetime = value;
            }
        }
    }

    /// <summary>Successful refreshes at the token endpoint so far.</summary>
    public int OAuthRefreshes
    {
        get
        {
            lock (tokenGate)
            {
                return oauth.Refreshes;
            }
        }
    }

    /// <summary>Live (not deleted) leads.</summary>
    public int DealCount
    {
        get
        {
            lock (account.Gate)
            {
                return account.LiveLeadCount;
            }
        }
    }

    /// <summary>Requests received under <c>/amocrm/</c> since start or the last <see cref="ResetRequestLog"/>, oldest first.</summary>
    public IReadOnlyList<SandboxRequest> Requests => log.Snapshot();

    /// <summary>Every note added through the API.</summary>
    public IReadOnlyList<AmoCrmNoteRecord> Notes
    {
        get
        {
            lock (account.Gate)
            {
                return [.. account.Notes];
            }
        }
    }

    /// <summary>Canonical field name to this account's field name, as a connection's FieldMap.</summary>
    public static IReadOnlyDictionary<string, string> FieldMap => AmoCrmSchema.FieldMap;

    public void ResetRequestLog() => log.Reset();

    /// <summary>A refresh token, as authorizing the integration in the account gives one; it works once.</summary>
    public string IssueRefreshToken()
    {
        lock (tokenGate)
        {
            return oauth.IssueRefreshToken();
        }
    }

    /// <summary>Makes the long-lived token and every OAuth access token issued so far fail with 401 from now on.</summary>
    public void ExpireToken()
    {
        lock (tokenGate)
        {
            tokenExpired = true;
            oauth.ExpireAccessTokens();
        }
    }

    /// <summary>The tasks of a lead.</summary>
    public IReadOnlyList<AmoCrmSandboxTask> GetTasks(string dealId)
    {
        lock (account.Gate)
        {
            return [.. account.TasksOf(LeadId(dealId)).Select(t => new AmoCrmSandboxTask(
                t.Id, t.LeadId, t.Text, DateTimeOffset.FromUnixTimeSeconds(t.CompleteTill), t.ResponsibleUserId, t.IsCompleted))];
        }
    }

    /// <summary>Logs a call on the lead as a user would: an activity event that does not change the lead's modification time.</summary>
    public void LogCall(string dealId)
    {
        lock (account.Gate)
        {
            account.LogCall(FindLead(dealId).Id);
        }
    }

    /// <summary>A connection to this account with its long-lived token, ready for <c>CrmBridge:Connections</c>.</summary>
    public ConnectionOptions CreateConnectionOptions(string name = "sandbox-amocrm") => Connection(name, Token, oauth: null);

    /// <summary>A connection to this account by OAuth 2.0, starting from a freshly issued refresh token.</summary>
    public ConnectionOptions CreateOAuthConnectionOptions(string name = "sandbox-amocrm-oauth") => Connection(name, token: null, new OAuthClientOptions
    {
        ClientId = OAuthClientId,
        ClientSecret = OAuthClientSecret,
        RedirectUri = OAuthRedirectUri,
        RefreshToken = IssueRefreshToken(),
    });

    private ConnectionOptions Connection(string name, string? token, OAuthClientOptions? oauth)
    {
        var connection = new ConnectionOptions
        {
            Name = name,
            Kind = nameof(CrmKind.AmoCrm),
            BaseUrl = BaseUrl,
            Token = token,
            OAuth = oauth,
            Pipelines = new PipelineRolesOptions
            {
                Sales = [SalesPipelineId.ToString(CultureInfo.InvariantCulture)],
                ClientSuccess = ClientSuccessPipelineId.ToString(CultureInfo.InvariantCulture),
            },
            DealUrlTemplate = new Uri(BaseUrl, "leads/detail/{id}").AbsoluteUri.Replace("%7B", "{", StringComparison.Ordinal).Replace("%7D", "}", StringComparison.Ordinal),
        };
        foreach (var (canonical, field) in FieldMap)
        {
            connection.FieldMap[canonical] = field;
        }

        return connection;
    }

    private static string NewToken() => "amo-llt-sandbox-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private AmoCrmLeadRecord FindLead(string dealId) =>
        (long.TryParse(dealId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? account.FindLiveLead(id) : null)
            ?? throw new KeyNotFoundException($"No live lead has id {dealId}.");

    private static long LeadId(string dealId) =>
        long.TryParse(dealId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new KeyNotFoundException($"No lead has id {dealId}.");

    private void MapRoutes(SandboxServer server)
    {
        const string Id = "(?<id>[0-9]+)";
        server.Map("POST", Route("/oauth2/access_token"), 1, (r, _) => Handle(r, authorize: false, () => TokenEndpoint(r)));
        server.Map("GET", Route("/api/v4/account"), 1, (r, _) => Handle(r, true, api.Account));
        server.Map("GET", Route("/api/v4/leads"), 1, (r, _) => Handle(r, true, () => api.Leads(r)));
        server.Map("POST", Route("/api/v4/leads"), 1, (r, _) => Handle(r, true, () => api.CreateLeads(r)));
        server.Map("GET", Route("/api/v4/leads/pipelines"), 1, (r, _) => Handle(r, true, api.Pipelines));
        server.Map("GET", Route("/api/v4/leads/loss_reasons"), 1, (r, _) => Handle(r, true, () => api.LossReasons(r)));
        server.Map("POST", Route("/api/v4/leads/notes"), 1, (r, _) => Handle(r, true, () => api.AddNotes(r, null)));
        server.Map("GET", Route("/api/v4/(?<entity>leads|companies|contacts)/custom_fields"), 1, (r, m) => Handle(r, true, () => api.CustomFields(r, m.Groups["entity"].Value)));
        server.Map("GET", Route($"/api/v4/leads/{Id}"), 2, (r, m) => Handle(r, true, () => api.Lead(r, Number(m))));
        server.Map("PATCH", Route($"/api/v4/leads/{Id}"), 2, (r, m) => Handle(r, true, () => api.UpdateLead(r, Number(m))));
        server.Map("POST", Route($"/api/v4/leads/{Id}/notes"), 2, (r, m) => Handle(r, true, () => api.AddNotes(r, Number(m))));
        server.Map("GET", Route($"/api/v4/leads/{Id}/notes"), 2, (r, m) => Handle(r, true, () => api.LeadNotes(r, Number(m))));
        server.Map("GET", Route("/api/v4/(?<entity>companies|contacts)"), 1, (r, m) => Handle(r, true, () => api.Entities(r, m.Groups["entity"].Value)));
        server.Map("GET", Route("/api/v4/users"), 1, (r, _) => Handle(r, true, () => api.Users(r)));
        server.Map("GET", Route("/api/v4/events"), 1, (r, _) => Handle(r, true, () => api.Events(r)));
        server.Map("GET", Route("/api/v4/tasks"), 1, (r, _) => Handle(r, true, () => api.Tasks(r)));
        server.Map("POST", Route("/api/v4/tasks"), 1, (r, _) => Handle(r, true, () => api.CreateTasks(r)));
        server.Map(null, AnyAmoCrmPath(), 100, (r, _) => Handle(r, true, () => AmoCrmErrors.NotFound($"No endpoint {r.Method} {r.Path}.")));
    }

    private static long Number(Match match) => long.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);

    private static Regex Route(string pattern) => new($"^{PathPrefix}{pattern}/?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    [GeneratedRegex("^/amocrm(/.*)?$")]
    private static partial Regex AnyAmoCrmPath();

    private SandboxHttpResponse TokenEndpoint(SandboxHttpRequest request)
    {
        lock (tokenGate)
        {
            return oauth.Token(request);
        }
    }

    private SandboxHttpResponse Handle(SandboxHttpRequest request, bool authorize, Func<SandboxHttpResponse> endpoint)
    {
        var now = clock.Now;
        SandboxHttpResponse response;
        if (authorize && !IsAuthorized(request))
        {
            response = AmoCrmErrors.Unauthorized();
        }
        else if (rateLimiter is not null && !rateLimiter.TryAcquire(now, out var retryAfter, out _))
        {
            response = AmoCrmErrors.TooManyRequests();
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
                    response = endpoint();
                }
            }
            catch (AmoCrmRequestException ex)
            {
                response = ex.Response;
            }
            catch (Exception ex)
            {
                // A defect in the sandbox still answers in amoCRM's error shape, so the client under test reports it readably.
                response = AmoCrmErrors.Internal(ex.Message);
            }
        }

        log.Add(new SandboxRequest(request.Method, request.Path, request.RawQuery, request.Body, response.StatusCode, now));
        return response;
    }

    private bool IsAuthorized(SandboxHttpRequest request)
    {
        var header = request.Header("Authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var presented = header["Bearer ".Length..];
        lock (tokenGate)
        {
            return (!tokenExpired && presented == token) || oauth.IsValidAccessToken(presented);
        }
    }
}
