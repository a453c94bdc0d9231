using System.Net;
using System.Text.RegularExpressions;
using CrmBridge.Adapters.AmoCrm.Auth;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.AmoCrm;

/// <summary>
/// Creates the amoCRM (Kommo) adapter of a connection. Adapters are cheap and may be created per job; the HTTP pipeline
/// behind them (the connection's rate limiter and, for OAuth, its token refresher) is cached per connection by
/// <see cref="CrmHttpClientProvider"/>. OAuth connections keep their rotating tokens in the <see cref="ICredentialStore"/>.
/// </summary>
public sealed partial class AmoCrmAdapterFactory : ICrmAdapterFactory
{
    private readonly CrmHttpClientProvider _http;
    private readonly AmoCrmOptions _options;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggers;
    private readonly CrmHttpProfile _profile;

    public AmoCrmAdapterFactory(CrmHttpClientProvider http, IOptions<AmoCrmOptions> options, TimeProvider time, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(services);
        _http = http;
        _options = options.Value;
        _time = time;
        _services = services;
        _loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        _profile = AmoCrmHttpProfile.Create(_options, CreateTokenProvider);
    }

    public CrmKind Kind => CrmKind.AmoCrm;

    public ICrmAdapter Create(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new AmoCrmAdapter(connection, _http.GetConnection(connection, _profile), _options, _time);
    }

    public IEnumerable<string> Validate(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var key = connection.ConfigKey;
        if (connection.BaseUrl is not { } baseUrl)
        {
            yield return $"{key}:BaseUrl is required for amoCRM: https://{{subdomain}}.amocrm.ru, .amocrm.com or .kommo.com (the account's own address).";
        }
        else if (!IsAccountUrl(baseUrl))
        {
            yield return $"{key}:BaseUrl '{baseUrl}' is not an amoCRM account address: use https://{{subdomain}}.amocrm.ru, https://{{subdomain}}.amocrm.com or https://{{subdomain}}.kommo.com.";
        }

        var hasToken = !string.IsNullOrWhiteSpace(connection.Token);
        var oauth = connection.OAuth;
        if (hasToken && oauth is not null)
        {
            yield return $"{key}: set either Token (a long-lived token) or OAuth, not both.";
        }
        else if (!hasToken && oauth is null)
        {
            yield return $"{key}:Token (a long-lived token, or env:NAME) or {key}:OAuth (ClientId, ClientSecret, RedirectUri, RefreshToken) is required for amoCRM.";
        }
        else if (oauth is not null)
        {
            foreach (var error in ValidateOAuth(key, oauth))
            {
                yield return error;
            }
        }

        foreach (var (canonical, value) in connection.FieldMap)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{key}:FieldMap:{canonical} is empty; give the amoCRM field's name (or code or id).";
            }
        }
    }

    private static IEnumerable<string> ValidateOAuth(string key, OAuthClientOptions oauth)
    {
        if (string.IsNullOrWhiteSpace(oauth.ClientId))
        {
            yield return $"{key}:OAuth:ClientId is required (the integration's ID).";
        }

        foreach (var (name, value) in new[] { ("ClientSecret", oauth.ClientSecret), ("RefreshToken", oauth.RefreshToken) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{key}:OAuth:{name} is required (a value or a secret reference such as env:NAME).";
            }
            else if (!SecretReference.TryResolve(value, out _, out var error))
            {
                yield return $"{key}:OAuth:{name} {error}.";
            }
        }

        if (oauth.RedirectUri is not { IsAbsoluteUri: true })
        {
            yield return $"{key}:OAuth:RedirectUri '{oauth.RedirectUri}' must be the absolute redirect URI registered with the integration.";
        }

        if (oauth.TokenUrl is { } tokenUrl && !IsAccountUrl(tokenUrl))
        {
            yield return $"{key}:OAuth:TokenUrl '{tokenUrl}' must be on the account's amoCRM or Kommo address.";
        }
    }

    /// <summary>https on an account subdomain of amoCRM or Kommo; plain http only on the loopback address (sandbox and tests).</summary>
    private static bool IsAccountUrl(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return false;
        }

        if (url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address)))
        {
            return url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;
        }

        return url.Scheme == Uri.UriSchemeHttps && AccountHost().IsMatch(url.Host);
    }

    private IAmoCrmTokenProvider CreateTokenProvider(ConnectionOptions connection)
    {
        if (connection.OAuth is null)
        {
            return new AmoCrmLongLivedToken(connection.ResolveToken());
        }

        var store = _services.GetService<ICredentialStore>() ?? _services.GetService<ICrmStore>() as ICredentialStore
            ?? throw new InvalidOperationException(
                $"{connection.ConfigKey}:OAuth needs a credential store to keep the rotating tokens, and none is registered (configure CrmBridge:Storage).");
        var baseUrl = connection.BaseUrl ?? throw new InvalidOperationException($"{connection.ConfigKey}:BaseUrl is not set.");
        var settings = AmoCrmOAuthSettings.Resolve(connection, baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"));
        return new AmoCrmOAuthTokens(settings, store, _options, _time, _loggers.CreateLogger("CrmBridge.Adapters.AmoCrm"));
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\.(amocrm\.ru|amocrm\.com|kommo\.com)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccountHost();
}
