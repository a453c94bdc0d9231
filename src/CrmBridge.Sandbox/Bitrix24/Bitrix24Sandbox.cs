using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Core.Credentials;
using CrmBridge.Sandbox.Bitrix24.OAuth;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.Faults;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>
/// The sandbox dataset served as a Bitrix24 portal behind an inbound webhook (<c>/rest/{user}/{secret}/{method}.json</c>)
/// or an OAuth application (<c>/rest/{method}.json?auth={access token}</c>, tokens from the authorization server at
/// <see cref="OAuthTokenUrl"/>), with <c>crm.item.*</c>, <c>batch</c> and friends; stateful: writes through the API or through the members here change what
/// later reads return. Sales is the default deal category (0), Client Success category 2. Thread-safe.
/// </summary>
public sealed partial class Bitrix24Sandbox : ISandboxCrm
{
    /// <summary>The Sales pipeline: the default deal category.</summary>
    public const string SalesPipelineId = "0";

    /// <summary>The Client Success pipeline: deal category 2 (stage ids <c>C2:MONTH1</c> ...).</summary>
    public const string ClientSuccessPipelineId = "2";

    /// <summary>The string user field holding <c>deal.source</c>.</summary>
    public const string SourceField = Bitrix24Schema.SourceField;

    /// <summary>The list user field holding a lost deal's reason; its items are the sales method's loss reasons.</summary>
    public const string LossReasonField = Bitrix24Schema.LossReasonField;

    /// <summary>The string user field holding CrmBridge's idempotency markers.</summary>
    public const string MarkerField = Bitrix24Schema.MarkerField;

    /// <summary>The company user field holding the INN.</summary>
    public const string InnField = Bitrix24Schema.InnField;

    /// <summary>The contact list user field holding the buying role.</summary>
    public const string RoleField = Bitrix24Schema.RoleField;

    /// <summary>The user the webhook acts as.</summary>
    public const string WebhookUserId = "1";

    private readonly Bitrix24Portal portal;
    private readonly Bitrix24OAuthServer oauth;
    private readonly SandboxClock clock;
    private readonly SandboxRequestLog log = new();
    private readonly Lock secretGate = new();
    private Bitrix24LeakyBucket? bucket;
    private string secret = NewSecret();
    private bool secretRevoked;

    internal Bitrix24Sandbox(SandboxDataset dataset, SandboxServer server, SandboxClock clock, Func<SandboxFaults?> faults)
    {
        this.clock = clock;
        Root = server.BaseUrl;
        portal = new Bitrix24Portal(dataset, () => clock.Now);
        oauth = new Bitrix24OAuthServer(server, BaseUrl, () => clock.Now, faults, log.Add);
        MapRoutes(server);
    }

    public CrmKind Kind => CrmKind.Bitrix24;

    /// <summary>The portal's REST root, e.g. <c>http://127.0.0.1:5123/rest/</c> (no secret in it).</summary>
    public Uri BaseUrl => new(Root, "/rest/");

    /// <summary>The inbound webhook URL, <c>{BaseUrl}1/{secret}/</c>: a sandbox credential, not a real one.</summary>
    public Uri WebhookUrl
    {
        get
        {
            lock (secretGate)
            {
                return new Uri(BaseUrl, $"{WebhookUserId}/{secret}/");
            }
        }
    }

    /// <summary>The OAuth application's client id (a local application of the portal).</summary>
    public string OAuthClientId => oauth.ClientId;

    /// <summary>The OAuth application's client secret (a sandbox credential).</summary>
    public string OAuthClientSecret => oauth.ClientSecret;

    /// <summary>The authorization server's token endpoint, standing in for <c>https://oauth.bitrix.info/oauth/token/</c>.</summary>
    public Uri OAuthTokenUrl => oauth.TokenUrl;

    /// <summary>How long the access tokens the authorization server issues live.</summary>
    /// <value>Defaults to one hour, as Bitrix24's do.</value>
    public TimeSpan AccessTokenLifetime
    {
        get => oauth.AccessTokenLifetime;
        set => oauth.AccessTokenLifetime = value;
    }

    /// <summary>Successful refreshes at the token endpoint so far.</summary>
    public int OAuthRefreshes => oauth.Refreshes;

    /// <summary>Requests the token endpoint received, successful or refused.</summary>
    public int OAuthTokenRequests => oauth.Requests;

    /// <summary>Canonical field name to this portal's field, as a connection's FieldMap (the loss reason by its label).</summary>
    public static IReadOnlyDictionary<string, string> FieldMap { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [CanonicalFields.DealSource] = SourceField,
        [CanonicalFields.DealMarker] = MarkerField,
        ["deal.lost_reason"] = Bitrix24Schema.LossReasonLabel,
        [CanonicalFields.CompanyInn] = InnField,
        [CanonicalFields.ContactRole] = RoleField,
    };

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

    /// <summary>
    /// Requests received under <c>/rest/</c> and at the OAuth token endpoint, oldest first; the webhook secret, the
    /// <c>auth</c> token and the token endpoint's secrets are masked.
    /// </summary>
    public IReadOnlyList<SandboxRequest> Requests => log.Snapshot();

    /// <summary>Timeline comments added through the API, as (deal id, text).</summary>
    public IReadOnlyList<(string DealId, string Comment)> Comments
    {
        get
        {
            lock (portal.Gate)
            {
                return [.. portal.Comments.Select(c => (Id(c.DealId), c.Comment))];
            }
        }
    }

    private Uri Root { get; }

    /// <summary>The Bitrix24 stage id of a dataset stage: <c>NEW</c>, <c>PROSPECTS</c>, <c>WON</c>, <c>LOSE</c> in Sales; <c>C2:MONTH1</c> in Client Success.</summary>
    public static string StageId(string pipelineKey, string stageKey) => Bitrix24Schema.StageId(pipelineKey, stageKey);

    public void ResetRequestLog() => log.Reset();

    /// <summary>Emulates the portal's leaky bucket: above <paramref name="threshold"/> pending requests, draining <paramref name="drainPerSecond"/>, it answers 503 QUERY_LIMIT_EXCEEDED.</summary>
    public void LimitRequests(double drainPerSecond, int threshold) => bucket = new Bitrix24LeakyBucket(drainPerSecond, threshold);

    /// <summary>
    /// Makes the current credentials fail: the webhook answers 401 NO_AUTH_FOUND from now on (as when an admin deletes it
    /// or changes its code), every OAuth access token issued so far 401 expired_token, and every refresh token issued so
    /// far is refused (as when the application is removed); a new <see cref="IssueRefreshToken"/> authorizes again.
    /// </summary>
    public void ExpireToken()
    {
        lock (secretGate)
        {
            secretRevoked = true;
        }

        oauth.ExpireAccessTokens();
        oauth.RevokeRefreshTokens();
    }

    /// <summary>Every OAuth access token issued so far expires now (the webhook keeps working).</summary>
    public void ExpireAccessTokens() => oauth.ExpireAccessTokens();

    /// <summary>A refresh token, as the application's first authorization gives one; it works once.</summary>
    public string IssueRefreshToken() => oauth.IssueRefreshToken();

    /// <summary>Issues a new webhook code and returns the new URL; the old one stops working.</summary>
    public Uri RenewWebhook()
    {
        lock (secretGate)
        {
            secret = NewSecret();
            secretRevoked = false;
        }

        return WebhookUrl;
    }

    public ConnectionOptions CreateConnectionOptions(string? name = null)
    {
        var connection = new ConnectionOptions
        {
            Name = name ?? "sandbox-bitrix24",
            Kind = nameof(CrmKind.Bitrix24),
            Token = WebhookUrl.AbsoluteUri,
            Pipelines = new PipelineRolesOptions { Sales = [SalesPipelineId], ClientSuccess = ClientSuccessPipelineId },
        };
        foreach (var (canonical, field) in FieldMap)
        {
            connection.FieldMap[canonical] = field;
        }

        return connection;
    }

    /// <summary>A connection to this portal by its OAuth application, starting from a freshly issued refresh token.</summary>
    public ConnectionOptions CreateOAuthConnectionOptions(string? name = null)
    {
        var connection = CreateConnectionOptions(name ?? "sandbox-bitrix24-oauth");
        connection.Token = null;
        connection.BaseUrl = Root;
        connection.OAuth = new OAuthClientOptions
        {
            ClientId = OAuthClientId,
            ClientSecret = OAuthClientSecret,
            RefreshToken = IssueRefreshToken(),
            TokenUrl = OAuthTokenUrl,
        };
        return connection;
    }

    public string GetDealId(string dealKey) => Id(portal.DealId(dealKey), "deal", dealKey);

    public string? FindDealKey(string dealId)
    {
        lock (portal.Gate)
        {
            return long.TryParse(dealId, out var id) ? portal.Deals.Find(id)?.DatasetKey : null;
        }
    }

    public string GetCompanyId(string companyKey) => Id(portal.CompanyId(companyKey), "company", companyKey);

    public string GetContactId(string contactKey) => Id(portal.ContactId(contactKey), "contact", contactKey);

    public string GetOwnerId(string ownerKey) => Id(portal.UserId(ownerKey), "owner", ownerKey);

    public string GetPipelineId(string pipelineKey) => Bitrix24Schema.CategoryId(pipelineKey).ToString(CultureInfo.InvariantCulture);

    public string GetStageId(string pipelineKey, string stageKey) => StageId(pipelineKey, stageKey);

    public void MoveDealToStage(string dealId, string pipelineKey, string stageKey)
    {
        lock (portal.Gate)
        {
            var stage = portal.FindStage(StageId(pipelineKey, stageKey)) ?? throw new ArgumentException($"No stage {stageKey} in {pipelineKey}.", nameof(stageKey));
            portal.MoveToStage(FindDeal(dealId), stage);
        }
    }

    public void RenameDeal(string dealId, string name)
    {
        lock (portal.Gate)
        {
            var deal = FindDeal(dealId);
            deal["title"] = name;
            portal.Touch(deal);
        }
    }

    /// <summary>Deletes the deal (as <c>crm.item.delete</c> does): it leaves every list, and Bitrix24 keeps no trace to list.</summary>
    public void RemoveDeal(string dealId)
    {
        lock (portal.Gate)
        {
            portal.Deals.Delete(FindDeal(dealId));
        }
    }

    /// <summary>Sets a user field of a deal as a user would (values as the API takes them: text, or a list item id).</summary>
    public void SetDealField(string dealId, string field, string? value)
    {
        lock (portal.Gate)
        {
            var deal = FindDeal(dealId);
            deal[field] = field == LossReasonField ? (long.TryParse(value, out var id) ? id : null) : value;
            portal.Touch(deal);
        }
    }

    /// <summary>The deal's next open activity deadline, from the activities the portal holds.</summary>
    public DateTimeOffset? GetNextActivity(string dealId)
    {
        lock (portal.Gate)
        {
            var id = long.Parse(dealId, CultureInfo.InvariantCulture);
            return portal.ActivitiesOf(id).Where(a => (string?)a["COMPLETED"] == "N")
                .Select(a => (DateTimeOffset?)a["DEADLINE"]).Min();
        }
    }

    public SandboxDealState GetDealState(string dealId)
    {
        lock (portal.Gate)
        {
            var deal = FindDeal(dealId);
            var lossReason = deal[LossReasonField] is long item
                ? Bitrix24Schema.LossReasonItems.FirstOrDefault(i => i.Id == item.ToString(CultureInfo.InvariantCulture)).Label
                : null;
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [CanonicalFields.DealSource] = deal[SourceField] as string,
                [CanonicalFields.DealMarker] = deal[MarkerField] as string,
                ["deal.lost_reason"] = lossReason,
            };
            var companyId = deal["companyId"] as long? ?? 0;
            return new SandboxDealState(
                Id(deal.Id),
                deal["title"] as string ?? "",
                Id((long)deal["categoryId"]!),
                deal["stageId"] as string ?? "",
                deal["opportunity"] as decimal?,
                deal["assignedById"] is long owner ? Id(owner) : null,
                companyId == 0 ? null : Id(companyId),
                [.. (deal["contactIds"] as List<long> ?? []).Select(Id)],
                fields);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Id(long? id, string what, string key) =>
        id is { } value ? Id(value) : throw new KeyNotFoundException($"The dataset has no {what} {key}.");

    private Bitrix24Record FindDeal(string dealId) =>
        (long.TryParse(dealId, out var id) ? portal.Deals.Find(id) : null) ?? throw new KeyNotFoundException($"No deal has id {dealId}.");

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private void MapRoutes(SandboxServer server)
    {
        server.Map(null, MethodRoute(), 1, Handle);
        server.Map(null, OAuthMethodRoute(), 1, HandleOAuth);
        server.Map(null, AnyRestPath(), 100, (request, _) =>
        {
            var response = Error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
            log.Add(new SandboxRequest(request.Method, "/rest/…", request.RawQuery, null, response.StatusCode, clock.Now));
            return response;
        });
    }

    [GeneratedRegex(@"^/rest/(?<user>[^/]+)/(?<secret>[^/]+)/(?<method>[^/]+?)(\.json)?/?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex MethodRoute();

    [GeneratedRegex(@"^/rest/(?<method>[^/]+?)(\.json)?/?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex OAuthMethodRoute();

    [GeneratedRegex(@"(^|&)auth=[^&]*")]
    private static partial Regex AuthParameter();

    [GeneratedRegex("^/rest(/.*)?$")]
    private static partial Regex AnyRestPath();

    private SandboxHttpResponse Handle(SandboxHttpRequest request, Match route)
    {
        var now = clock.Now;
        var method = route.Groups["method"].Value;
        var refused = IsAuthorized(route.Groups["user"].Value, route.Groups["secret"].Value)
            ? ((int, string, string)?)null
            : (401, "NO_AUTH_FOUND", "Wrong authorization data");
        var response = Dispatch(request, method, refused, now);
        log.Add(new SandboxRequest(request.Method, $"/rest/{route.Groups["user"].Value}/***/{method}.json", request.RawQuery, request.Body, response.StatusCode, now));
        return response;
    }

    /// <summary>An OAuth application's call: the access token comes as the <c>auth</c> parameter (query or body); the log masks it.</summary>
    private SandboxHttpResponse HandleOAuth(SandboxHttpRequest request, Match route)
    {
        var now = clock.Now;
        var method = route.Groups["method"].Value;
        var query = HttpUtility.ParseQueryString(request.RawQuery ?? "");
        var token = query["auth"];
        if (token is null && request.Body is { } body && body.TrimStart().StartsWith('{'))
        {
            try
            {
                token = Bitrix24Params.Scalar(Bitrix24Params.Get(Bitrix24Params.Parse(body, null), "auth"));
            }
            catch (Bitrix24SandboxException)
            {
                token = null;
            }
        }

        var refused = oauth.Check(token) is { } error ? (401, error.Code, error.Description) : ((int, string, string)?)null;
        var response = Dispatch(request, method, refused, now);
        var maskedQuery = AuthParameter().Replace(request.RawQuery ?? "", m => m.Groups[1].Value + "auth=***");
        log.Add(new SandboxRequest(request.Method, $"/rest/{method}.json", maskedQuery, request.Body, response.StatusCode, now));
        return response;
    }

    private SandboxHttpResponse Dispatch(SandboxHttpRequest request, string method, (int Status, string Code, string Description)? refused, DateTimeOffset now)
    {
        SandboxHttpResponse response;
        if (refused is { } error)
        {
            response = Error(error.Status, error.Code, error.Description);
        }
        else if (bucket is not null && !bucket.TryAdmit(now))
        {
            response = Error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
        }
        else
        {
            try
            {
                var parameters = Bitrix24Params.Parse(request.Body, request.RawQuery);
                Bitrix24MethodResult result;
                lock (portal.Gate)
                {
                    result = string.Equals(method, "batch", StringComparison.OrdinalIgnoreCase) ? portal.Batch(parameters) : portal.Call(method, parameters);
                }

                response = Success(result, now);
            }
            catch (Bitrix24SandboxException ex)
            {
                response = Error(ex.Status, ex.Code, ex.Description);
            }
            catch (Exception ex)
            {
                // A defect in the sandbox still answers in Bitrix24's error shape, so the client under test reports it readably.
                response = Error(500, "INTERNAL_SERVER_ERROR", ex.Message);
            }
        }

        return response;
    }

    private bool IsAuthorized(string user, string code)
    {
        lock (secretGate)
        {
            return !secretRevoked && user == WebhookUserId
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(code), Encoding.UTF8.GetBytes(secret));
        }
    }

    private static SandboxHttpResponse Success(Bitrix24MethodResult result, DateTimeOffset now)
    {
        var body = new JsonObject { ["result"] = result.Result };
        if (result.Next is { } next)
        {
            body["next"] = next;
        }

        if (result.Total is { } total)
        {
            body["total"] = total;
        }

        var unix = now.ToUnixTimeMilliseconds() / 1000.0;
        body["time"] = new JsonObject
        {
            ["start"] = unix,
            ["finish"] = unix + 0.01,
            ["duration"] = 0.01,
            ["processing"] = 0.005,
            ["date_start"] = Bitrix24Schema.Format(now),
            ["date_finish"] = Bitrix24Schema.Format(now),
            ["operating"] = 0,
            ["operating_reset_at"] = now.ToUnixTimeSeconds() + 600,
        };
        return new SandboxHttpResponse(200, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private static SandboxHttpResponse Error(int status, string code, string description) =>
        new(status, Encoding.UTF8.GetBytes(new JsonObject { ["error"] = code, ["error_description"] = description }.ToJsonString()));
}
