using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.HubSpot;

/// <summary>
/// Creates the HubSpot adapter of a connection. Adapters are cheap and may be created per job; the HTTP pipeline
/// behind them (and so the connection's rate limiter) is cached per connection by <see cref="CrmHttpClientProvider"/>.
/// </summary>
public sealed class HubSpotAdapterFactory : ICrmAdapterFactory
{
    private readonly CrmHttpClientProvider _http;
    private readonly HubSpotOptions _options;
    private readonly TimeProvider _time;
    private readonly CrmHttpProfile _profile;

    public HubSpotAdapterFactory(CrmHttpClientProvider http, IOptions<HubSpotOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _options = options.Value;
        _time = time;
        _profile = HubSpotHttpProfile.Create(_options);
    }

    public CrmKind Kind => CrmKind.HubSpot;

    public ICrmAdapter Create(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new HubSpotAdapter(connection, _http.GetConnection(connection, _profile), _options, _time);
    }

    public IEnumerable<string> Validate(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (string.IsNullOrWhiteSpace(connection.Token))
        {
            yield return $"{connection.ConfigKey}:Token is required for HubSpot (a private app token, or env:NAME).";
        }

        if (connection.BaseUrl is { } baseUrl
            && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            yield return $"{connection.ConfigKey}:BaseUrl '{baseUrl}' must be an absolute http or https URL.";
        }

        foreach (var (key, value) in connection.FieldMap)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{connection.ConfigKey}:FieldMap:{key} is empty; give the HubSpot property name.";
            }
        }
    }
}
