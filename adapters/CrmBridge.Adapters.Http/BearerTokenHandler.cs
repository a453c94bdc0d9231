using System.Net.Http.Headers;

namespace CrmBridge.Adapters.Http;

/// <summary>Adds <c>Authorization: Bearer</c> to every attempt. The token is read through a delegate so a refreshed one is picked up.</summary>
public sealed class BearerTokenHandler(Func<string> token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token());
        return base.SendAsync(request, cancellationToken);
    }
}
