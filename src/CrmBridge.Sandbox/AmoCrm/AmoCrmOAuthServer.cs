using System.Security.Cryptography;
using System.Text.Json;
using System.Web;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>
/// The account's OAuth 2.0 token endpoint: each refresh token works once and is replaced by a new one with a new access
/// token, as amoCRM does. Callers hold the sandbox's token lock.
/// </summary>
internal sealed class AmoCrmOAuthServer(Func<long> now)
{
    private readonly HashSet<string> refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> accessTokens = new(StringComparer.Ordinal);

    public string ClientId { get; } = "sandbox-" + Guid.NewGuid().ToString("N")[..12];

    public string ClientSecret { get; } = Random("secret");

    public Uri RedirectUri { get; } = new("https://crmbridge.example/oauth/amocrm");

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    public int Refreshes { get; private set; }

    /// <summary>A refresh token as authorizing the integration gives one.</summary>
    public string IssueRefreshToken()
    {
        var token = Random("rt");
        refreshTokens.Add(token);
        return token;
    }

    public bool IsValidAccessToken(string token) => accessTokens.TryGetValue(token, out var expiresAt) && expiresAt > now();

    public void ExpireAccessTokens()
    {
        foreach (var token in accessTokens.Keys.ToList())
        {
            accessTokens[token] = 0;
        }
    }

    public SandboxHttpResponse Token(SandboxHttpRequest request)
    {
        var fields = ReadFields(request);
        if (fields.GetValueOrDefault("client_id") != ClientId || fields.GetValueOrDefault("client_secret") != ClientSecret)
        {
            throw AmoCrmErrors.OAuth("Client authentication failed");
        }

        if (fields.GetValueOrDefault("redirect_uri") != RedirectUri.AbsoluteUri)
        {
            throw AmoCrmErrors.OAuth("Redirect URI does not match");
        }

        if (fields.GetValueOrDefault("grant_type") != "refresh_token")
        {
            throw AmoCrmErrors.OAuth("The sandbox supports grant_type refresh_token only");
        }

        var refreshToken = fields.GetValueOrDefault("refresh_token") ?? "";
        if (!refreshTokens.Remove(refreshToken))
        {
            throw AmoCrmErrors.OAuth("Token has been revoked");
        }

        Refreshes++;
        var access = Random("at");
        var lifetime = (long)AccessTokenLifetime.TotalSeconds;
        accessTokens[access] = now() + lifetime;
        var next = IssueRefreshToken();
        return new SandboxHttpResponse(200, AmoCrmJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", lifetime);
            w.WriteString("access_token", access);
            w.WriteString("refresh_token", next);
            w.WriteNumber("server_time", now());
            w.WriteEndObject();
        }));
    }

    private static Dictionary<string, string> ReadFields(SandboxHttpRequest request)
    {
        var body = request.Body ?? "";
        if (body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            }
            catch (JsonException)
            {
                throw AmoCrmErrors.OAuth("The body is not valid JSON");
            }
        }

        var form = HttpUtility.ParseQueryString(body);
        return form.AllKeys.OfType<string>().ToDictionary(k => k, k => form[k] ?? "", StringComparer.Ordinal);
    }

    private static string Random(string prefix) => $"{prefix}-sandbox-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
