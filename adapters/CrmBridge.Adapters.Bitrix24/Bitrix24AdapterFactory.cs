using CrmBridge.Adapters.Bitrix24.Http;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Bitrix24;

/// <summary>
/// Creates the Bitrix24 adapter of a connection. The connection authenticates with an inbound webhook: its URL
/// (<c>https://{portal}/rest/{user}/{secret}/</c>) is a secret, so it belongs in Token (e.g. <c>env:BITRIX24_WEBHOOK</c>);
/// alternatively BaseUrl is <c>https://{portal}/rest/{user}/</c> and Token the secret alone. The HTTP client only ever
/// sees the portal's <c>/rest/</c> root; the secret is added to each request's path at the last step.
/// </summary>
public sealed class Bitrix24AdapterFactory : ICrmAdapterFactory
{
    private readonly CrmHttpClientProvider _http;
    private readonly Bitrix24Options _options;
    private readonly TimeProvider _time;

    public Bitrix24AdapterFactory(CrmHttpClientProvider http, IOptions<Bitrix24Options> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _options = options.Value;
        _time = time;
    }

    public CrmKind Kind => CrmKind.Bitrix24;

    public ICrmAdapter Create(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!Bitrix24Webhook.TryParse(connection, connection.ResolveToken(), out var webhook, out var error))
        {
            throw new InvalidOperationException(error);
        }

        // The pipeline is keyed by connection and built from a copy whose base address is the portal's /rest/ root,
        // without the user and secret: the webhook handler adds them to each request just before it goes out.
        var wire = new ConnectionOptions
        {
            Name = connection.Name,
            Kind = connection.Kind,
            Enabled = connection.Enabled,
            BaseUrl = webhook!.RestRoot,
            Token = connection.Token,
            RateLimit = connection.RateLimit,
        };
        var http = _http.GetConnection(wire, Bitrix24HttpProfile.Create(_options, webhook));
        return new Bitrix24Adapter(connection, http, _options, _time);
    }

    public IEnumerable<string> Validate(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.BaseUrl is { } baseUrl
            && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            yield return $"{connection.ConfigKey}:BaseUrl '{baseUrl}' must be an absolute http or https URL.";
            yield break;
        }

        // An unresolvable secret reference is reported by the common validator; only a resolved token can be checked here.
        if (SecretReference.TryResolve(connection.Token, out var token, out _)
            && !Bitrix24Webhook.TryParse(connection, token, out _, out var error))
        {
            yield return error!;
        }

        foreach (var (key, value) in connection.FieldMap)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{connection.ConfigKey}:FieldMap:{key} is empty; give the Bitrix24 field code (UF_CRM_*) or its label.";
            }
        }
    }
}
