using CrmBridge.Adapters.Bitrix24.Auth;
using CrmBridge.Adapters.Bitrix24.Http;
using CrmBridge.Adapters.Http;
using CrmBridge.Adapters.Http.OAuth;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Bitrix24;

/// <summary>
/// Creates the Bitrix24 adapter of a connection, which authenticates in one of two ways:
/// <list type="bullet">
/// <item>an inbound webhook: its URL (<c>https://{portal}/rest/{user}/{secret}/</c>) is a secret, so it belongs in Token
/// (e.g. <c>env:BITRIX24_WEBHOOK</c>); alternatively BaseUrl is <c>https://{portal}/rest/{user}/</c> and Token the secret alone;</item>
/// <item>an OAuth application: BaseUrl is the portal (<c>https://{portal}/</c>), OAuth holds ClientId, ClientSecret and the
/// first RefreshToken; methods are called as <c>{portal}/rest/{method}.json</c> with the access token as <c>auth</c>, and the
/// rotating token pair is kept in the <see cref="ICredentialStore"/>.</item>
/// </list>
/// The HTTP client only ever sees the portal's <c>/rest/</c> root; the secret or token is added to each request at the last step.
/// </summary>
public sealed class Bitrix24AdapterFactory : ICrmAdapterFactory
{
    private readonly CrmHttpClientProvider _http;
    private readonly Bitrix24Options _options;
    private readonly TimeProvider _time;
    private readonly IServiceProvider? _services;
    private readonly ILoggerFactory _loggers;

    public Bitrix24AdapterFactory(CrmHttpClientProvider http, IOptions<Bitrix24Options> options, TimeProvider time)
        : this(http, options, time, services: null)
    {
    }

    /// <param name="services">Where the <see cref="ICredentialStore"/> of OAuth connections (and the loggers) come from.</param>
    public Bitrix24AdapterFactory(CrmHttpClientProvider http, IOptions<Bitrix24Options> options, TimeProvider time, IServiceProvider? services)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _options = options.Value;
        _time = time;
        _services = services;
        _loggers = services?.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
    }

    public CrmKind Kind => CrmKind.Bitrix24;

    public ICrmAdapter Create(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.OAuth is null ? CreateWithWebhook(connection) : CreateWithOAuth(connection);
    }

    public IEnumerable<string> Validate(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var key = connection.ConfigKey;
        if (connection.BaseUrl is { } baseUrl
            && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            yield return $"{key}:BaseUrl '{baseUrl}' must be an absolute http or https URL.";
            yield break;
        }

        if (connection.OAuth is { } oauth)
        {
            foreach (var error in ValidateOAuth(connection, oauth))
            {
                yield return error;
            }
        }

        // An unresolvable secret reference is reported by the common validator; only a resolved token can be checked here.
        else if (SecretReference.TryResolve(connection.Token, out var token, out _)
            && !Bitrix24Webhook.TryParse(connection, token, out _, out var error))
        {
            yield return error!;
        }

        foreach (var (canonical, value) in connection.FieldMap)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{key}:FieldMap:{canonical} is empty; give the Bitrix24 field code (UF_CRM_*) or its label.";
            }
        }
    }

    private static IEnumerable<string> ValidateOAuth(ConnectionOptions connection, OAuthClientOptions oauth)
    {
        var key = connection.ConfigKey;
        if (!string.IsNullOrWhiteSpace(connection.Token))
        {
            yield return $"{key}: set either Token (an inbound webhook) or OAuth (an application), not both.";
        }

        if (connection.BaseUrl is null)
        {
            yield return $"{key}:BaseUrl is required with OAuth: the portal's address, https://{{portal}}.bitrix24.ru/ (or .com, .de, ...).";
        }
        else if (!TryRestRoot(connection.BaseUrl, out _))
        {
            yield return $"{key}:BaseUrl '{connection.BaseUrl.GetLeftPart(UriPartial.Path)}' must be the portal's address (https://{{portal}}/ or https://{{portal}}/rest/) with OAuth.";
        }

        if (string.IsNullOrWhiteSpace(oauth.ClientId))
        {
            yield return $"{key}:OAuth:ClientId is required (the application's client_id, e.g. local.0123abcd.45678901).";
        }

        foreach (var (name, value) in new[] { ("ClientSecret", oauth.ClientSecret), ("RefreshToken", oauth.RefreshToken) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{key}:OAuth:{name} is required (a value or a secret reference such as env:NAME).";
            }
            else if (!SecretReference.TryResolve(value, out var resolved, out var error))
            {
                yield return $"{key}:OAuth:{name} {error}.";
            }
            else if (string.IsNullOrWhiteSpace(resolved))
            {
                yield return $"{key}:OAuth:{name} is empty once its secret reference is resolved.";
            }
        }

        if (oauth.TokenUrl is { } tokenUrl && (!tokenUrl.IsAbsoluteUri || (tokenUrl.Scheme != Uri.UriSchemeHttps && !tokenUrl.IsLoopback)))
        {
            yield return $"{key}:OAuth:TokenUrl '{tokenUrl.GetLeftPart(UriPartial.Path)}' must be an absolute https URL (default {Bitrix24OAuthSettings.DefaultTokenUrl}).";
        }
    }

    /// <summary>The portal's REST root (<c>https://portal/rest/</c>) from its address, with or without <c>/rest/</c>.</summary>
    private static bool TryRestRoot(Uri baseUrl, out Uri restRoot)
    {
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        if (path.Length == 0 || path.EndsWith("/rest", StringComparison.Ordinal))
        {
            restRoot = new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + path + (path.EndsWith("/rest", StringComparison.Ordinal) ? "/" : "/rest/"));
            return true;
        }

        restRoot = baseUrl;
        return false;
    }

    private Bitrix24Adapter CreateWithWebhook(ConnectionOptions connection)
    {
        if (!Bitrix24Webhook.TryParse(connection, connection.ResolveToken(), out var webhook, out var error))
        {
            throw new InvalidOperationException(error);
        }

        // The pipeline is keyed by connection and built from a copy whose base address is the portal's /rest/ root,
        // without the user and secret: the webhook handler adds them to each request just before it goes out.
        var wire = Wire(connection, webhook!.RestRoot);
        var http = _http.GetConnection(wire, Bitrix24HttpProfile.Create(_options, webhook));
        return new Bitrix24Adapter(connection, http, _options, _time);
    }

    private Bitrix24Adapter CreateWithOAuth(ConnectionOptions connection)
    {
        var baseUrl = connection.BaseUrl ?? throw new InvalidOperationException($"{connection.ConfigKey}:BaseUrl is not set.");
        if (!TryRestRoot(baseUrl, out var restRoot))
        {
            throw new InvalidOperationException($"{connection.ConfigKey}:BaseUrl must be the portal's address (https://{{portal}}/).");
        }

        // The token refresher lives in the connection's cached pipeline, so every adapter of the connection shares it.
        var http = _http.GetConnection(Wire(connection, restRoot), Bitrix24HttpProfile.Create(_options, _ => new Bitrix24OAuthHandler(CreateTokens(connection))));
        return new Bitrix24Adapter(connection, http, _options, _time);
    }

    private Bitrix24OAuthTokens CreateTokens(ConnectionOptions connection)
    {
        var store = _services?.GetService<ICredentialStore>() ?? _services?.GetService<ICrmStore>() as ICredentialStore
            ?? throw new InvalidOperationException(
                $"{connection.ConfigKey}:OAuth needs a credential store to keep the rotating tokens, and none is registered (configure CrmBridge:Storage).");
        return new Bitrix24OAuthTokens(
            Bitrix24OAuthSettings.Resolve(connection), store, _options, _time, _loggers.CreateLogger("CrmBridge.Adapters.Bitrix24"));
    }

    /// <summary>
    /// The connection as the HTTP pipeline is keyed: the portal's REST root, and for OAuth a fingerprint of the application's
    /// settings in Token, so a configuration reload with a new client or refresh token builds a new pipeline (and refresher).
    /// </summary>
    private static ConnectionOptions Wire(ConnectionOptions connection, Uri restRoot) => new()
    {
        Name = connection.Name,
        Kind = connection.Kind,
        Enabled = connection.Enabled,
        BaseUrl = restRoot,
        Token = connection.OAuth is { } oauth
            ? "oauth:" + RotatingOAuthTokens.Fingerprint(string.Join('\n', oauth.ClientId, oauth.ClientSecret, oauth.RefreshToken, oauth.TokenUrl?.AbsoluteUri))
            : connection.Token,
        OAuth = connection.OAuth,
        RateLimit = connection.RateLimit,
    };
}
