using System.Net;
using CrmBridge.Adapters.Bitrix24.Http;

namespace CrmBridge.Adapters.Bitrix24.Auth;

/// <summary>
/// The innermost step of a Bitrix24 OAuth connection's pipeline: adds the access token as the <c>auth</c> parameter of
/// each attempt (<c>rest/crm.item.list.json?auth=…</c>), so the address every step above sees, logs and names in errors
/// never holds it. When the portal answers 401 <c>expired_token</c> or <c>invalid_token</c>, the token is refreshed once
/// and the request sent once more, never more. It also marks answers that must not be retried and batches that write.
/// </summary>
internal sealed class Bitrix24OAuthHandler(Bitrix24OAuthTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bitrix24Requests.MarkWriteFromHeader(request);
        var token = await tokens.GetAccessTokenAsync(base.SendAsync, cancellationToken);
        var response = await SendWithTokenAsync(request, token, cancellationToken);
        var body = await ErrorBodyAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && Bitrix24Errors.Code(body) is "expired_token" or "invalid_token")
        {
            response.Dispose();
            var renewed = await tokens.RenewRejectedAsync(token, base.SendAsync, cancellationToken);
            response = await SendWithTokenAsync(request, renewed, cancellationToken);
            body = await ErrorBodyAsync(response, cancellationToken);
        }

        if (Bitrix24Errors.IsNeverRetried(body))
        {
            Bitrix24Requests.MarkNoRetry(request);
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, string token, CancellationToken cancellationToken)
    {
        var original = request.RequestUri;
        if (original is not null && original.IsAbsoluteUri)
        {
            var query = original.Query.TrimStart('?');
            var auth = "auth=" + Uri.EscapeDataString(token);
            request.RequestUri = new UriBuilder(original) { Query = query.Length == 0 ? auth : query + "&" + auth }.Uri;
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            // A retry sends the same request again: give it back its token-free address.
            request.RequestUri = original;
        }
    }

    private static async Task<string?> ErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode || response.Content is null)
        {
            return null;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
