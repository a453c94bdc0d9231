using System.Net;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Pipedrive;

/// <summary>
/// Creates the Pipedrive adapter of a connection. Adapters are cheap and may be created per job; the HTTP pipeline
/// behind them (and so the connection's rate limiter) is cached per connection by <see cref="CrmHttpClientProvider"/>.
/// </summary>
public sealed class PipedriveAdapterFactory : ICrmAdapterFactory
{
    private readonly CrmHttpClientProvider _http;
    private readonly PipedriveOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<PipedriveAuthMode, CrmHttpProfile> _profiles;

    public PipedriveAdapterFactory(CrmHttpClientProvider http, IOptions<PipedriveOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _options = options.Value;
        _time = time;
        _profiles = new()
        {
            [PipedriveAuthMode.ApiToken] = PipedriveHttpProfile.Create(_options, PipedriveAuthMode.ApiToken),
            [PipedriveAuthMode.OAuth] = PipedriveHttpProfile.Create(_options, PipedriveAuthMode.OAuth),
        };
    }

    public CrmKind Kind => CrmKind.Pipedrive;

    public ICrmAdapter Create(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var mode = PipedriveHttpProfile.ModeFor(_options.Auth, connection.ResolveToken());
        return new PipedriveAdapter(connection, _http.GetConnection(connection, _profiles[mode]), _options, _time);
    }

    public IEnumerable<string> Validate(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var key = connection.ConfigKey;
        if (string.IsNullOrWhiteSpace(connection.Token))
        {
            yield return $"{key}:Token is required for Pipedrive: the API token (Personal preferences > API) or an OAuth access token, or env:NAME / file:/path.";
        }

        if (connection.BaseUrl is not { } baseUrl)
        {
            yield return $"{key}:BaseUrl is required for Pipedrive: https://{{companydomain}}.pipedrive.com.";
        }
        else if (BaseUrlProblem(baseUrl) is { } problem)
        {
            yield return $"{key}:BaseUrl '{baseUrl}' {problem}.";
        }

        foreach (var (canonical, field) in connection.FieldMap)
        {
            if (string.IsNullOrWhiteSpace(field))
            {
                yield return $"{key}:FieldMap:{canonical} is empty; give the Pipedrive field's name as shown in Pipedrive (or its key).";
            }
        }
    }

    /// <summary>https://{companydomain}.pipedrive.com with no path; loopback addresses (the sandbox, tests) may use http and a path.</summary>
    private static string? BaseUrlProblem(Uri baseUrl)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute URL: https://{companydomain}.pipedrive.com";
        }

        if (baseUrl.IsLoopback || (IPAddress.TryParse(baseUrl.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)))
        {
            return null;
        }

        if (baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            return "must use https";
        }

        var host = baseUrl.Host.ToLowerInvariant();
        if (!host.EndsWith(".pipedrive.com", StringComparison.Ordinal) || host.Count(c => c == '.') != 2)
        {
            return "must be your company's Pipedrive address, https://{companydomain}.pipedrive.com";
        }

        return baseUrl.AbsolutePath.Trim('/').Length > 0
            ? "must not have a path (CrmBridge adds /api/v2 and /v1 itself): use https://{companydomain}.pipedrive.com"
            : null;
    }
}
