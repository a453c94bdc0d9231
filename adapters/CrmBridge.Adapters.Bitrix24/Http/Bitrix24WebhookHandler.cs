namespace CrmBridge.Adapters.Bitrix24.Http;

/// <summary>
/// The innermost step of a Bitrix24 connection's pipeline: puts the webhook's user and secret into the path of each
/// attempt (<c>rest/crm.item.list.json</c> becomes <c>rest/1/{secret}/crm.item.list.json</c>), so the client's base
/// address, the endpoint names in logs and errors, and everything above this handler never hold the secret.
/// It also marks answers that must not be retried (OVERLOAD_LIMIT) and batches that write.
/// </summary>
internal sealed class Bitrix24WebhookHandler(Bitrix24Webhook webhook) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bitrix24Requests.MarkWriteFromHeader(request);
        var original = request.RequestUri;
        if (original is not null && original.IsAbsoluteUri
            && original.AbsolutePath.StartsWith(webhook.RestRoot.AbsolutePath, StringComparison.Ordinal))
        {
            var method = original.AbsolutePath[webhook.RestRoot.AbsolutePath.Length..];
            request.RequestUri = new UriBuilder(webhook.MethodUri(method)) { Query = original.Query.TrimStart('?') }.Uri;
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            // A retry sends the same request again: give it back its secret-free address.
            request.RequestUri = original;
        }

        if (!response.IsSuccessStatusCode && response.Content is not null)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (Bitrix24Errors.IsNeverRetried(body))
            {
                Bitrix24Requests.MarkNoRetry(request);
            }
        }

        return response;
    }
}
