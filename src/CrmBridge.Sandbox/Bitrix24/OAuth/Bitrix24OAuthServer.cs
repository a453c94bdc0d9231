using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Faults;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Bitrix24.OAuth;

/// <summary>
/// Bitrix24's authorization server (oauth.bitrix.info) for the sandbox portal: <c>GET /bitrix24/oauth/token/</c> with
/// <c>grant_type=refresh_token</c> spends a refresh token and issues a new pair, whose access token the portal accepts as
/// <c>auth</c> until it expires. It lives in its own namespace on purpose: it is not the portal, so fault injection aimed
/// at the portal (its rate limit, an expired token) does not reach it, as it would not reach oauth.bitrix.info.
/// A refresh during an injected expired-token spell ends the spell: the client now holds a token that works. Thread-safe.
/// </summary>
internal sealed partial class Bitrix24OAuthServer
{
    public const string TokenPath = "/bitrix24/oauth/token/";

    private readonly Lock gate = new();
    private readonly HashSet<string> refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> accessTokens = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> now;
    private readonly Func<SandboxFaults?> faults;
    private readonly Uri clientEndpoint;
    private readonly Action<SandboxRequest> log;
    private TimeSpan accessTokenLifetime = TimeSpan.FromHours(1);
    private int refreshes;
    private int requests;

    public Bitrix24OAuthServer(SandboxServer server, Uri clientEndpoint, Func<DateTimeOffset> now, Func<SandboxFaults?> faults, Action<SandboxRequest> log)
    {
        this.now = now;
        this.log = log;
        this.faults = faults;
        this.clientEndpoint = clientEndpoint;
        TokenUrl = new Uri(server.BaseUrl, TokenPath);
        server.Map("GET", TokenRoute(), 1, Token);
    }

    public Uri TokenUrl { get; }

    public string ClientId { get; } = $"local.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(7))}.{RandomNumberGenerator.GetInt32(10_000_000, 99_999_999)}";

    public string ClientSecret { get; } = Random("cs", 25);

    public TimeSpan AccessTokenLifetime
    {
        get
        {
            lock (gate)
            {
                return accessTokenLifetime;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            lock (gate)
            {
                accessTokenLifetime = value;
            }
        }
    }

    public int Refreshes
    {
        get
        {
            lock (gate)
            {
                return refreshes;
            }
        }
    }

    /// <summary>Every request the token endpoint received, refused or not.</summary>
    public int Requests
    {
        get
        {
            lock (gate)
            {
                return requests;
            }
        }
    }

    /// <summary>A refresh token, as the application's first authorization gives one; it works once.</summary>
    public string IssueRefreshToken()
    {
        lock (gate)
        {
            var token = Random("rt", 32);
            refreshTokens.Add(token);
            return token;
        }
    }

    /// <summary>Null when the portal accepts <paramref name="token"/>; else the error code and description it answers with.</summary>
    public (string Code, string Description)? Check(string? token)
    {
        lock (gate)
        {
            if (string.IsNullOrEmpty(token) || !accessTokens.TryGetValue(token, out var expiresAt))
            {
                return ("invalid_token", "The access token provided is invalid.");
            }

            return expiresAt > now() ? null : ("expired_token", "The access token provided has expired.");
        }
    }

    /// <summary>Every access token issued so far expires now.</summary>
    public void ExpireAccessTokens()
    {
        lock (gate)
        {
            var past = now().AddSeconds(-1);
            foreach (var token in accessTokens.Keys.ToList())
            {
                accessTokens[token] = past;
            }
        }
    }

    /// <summary>Every refresh token issued so far stops working (the application was removed or its access revoked).</summary>
    public void RevokeRefreshTokens()
    {
        lock (gate)
        {
            refreshTokens.Clear();
        }
    }

    private SandboxHttpResponse Token(SandboxHttpRequest request, Match route)
    {
        var response = Answer(request);
        var query = HttpUtility.ParseQueryString(request.RawQuery ?? "");
        log(new SandboxRequest(
            request.Method, TokenPath, $"grant_type={query["grant_type"]}&client_id={query["client_id"]}&client_secret=***&refresh_token=***", null, response.StatusCode, now()));
        _ = route;
        return response;
    }

    private SandboxHttpResponse Answer(SandboxHttpRequest request)
    {
        lock (gate)
        {
            requests++;
        }

        var query = HttpUtility.ParseQueryString(request.RawQuery ?? "");
        if (query["grant_type"] != "refresh_token")
        {
            return Error(400, "invalid_request", "The sandbox supports grant_type refresh_token only.");
        }

        if (query["client_id"] != ClientId || query["client_secret"] != ClientSecret)
        {
            return Error(401, "invalid_client", "Invalid client credentials.");
        }

        string access;
        string next;
        long lifetime;
        lock (gate)
        {
            if (!refreshTokens.Remove(query["refresh_token"] ?? ""))
            {
                return Error(400, "invalid_grant", "Invalid refresh token.");
            }

            refreshes++;
            lifetime = (long)accessTokenLifetime.TotalSeconds;
            access = Random("at", 32);
            accessTokens[access] = now() + accessTokenLifetime;
            next = Random("rt", 32);
            refreshTokens.Add(next);
        }

        if (faults() is { } injected && injected.TokenExpired(CrmKind.Bitrix24))
        {
            injected.RenewToken(CrmKind.Bitrix24);
        }

        var body = new JsonObject
        {
            ["access_token"] = access,
            ["expires"] = now().ToUnixTimeSeconds() + lifetime,
            ["expires_in"] = lifetime,
            ["scope"] = "crm,user,task",
            ["domain"] = "oauth.bitrix.info",
            ["server_endpoint"] = new Uri(TokenUrl, "/bitrix24/rest/").AbsoluteUri,
            ["status"] = "L",
            ["client_endpoint"] = clientEndpoint.AbsoluteUri,
            ["member_id"] = "sandbox0123456789abcdef0123456789",
            ["user_id"] = 1,
            ["refresh_token"] = next,
        };
        return new SandboxHttpResponse(200, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private static SandboxHttpResponse Error(int status, string code, string description) =>
        new(status, Encoding.UTF8.GetBytes(new JsonObject { ["error"] = code, ["error_description"] = description }.ToJsonString()));

    private static string Random(string prefix, int bytes) => $"{prefix}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes))}";

    [GeneratedRegex("^/bitrix24/oauth/token/?$")]
    private static partial Regex TokenRoute();
}
