namespace CrmBridge.Adapters.Pipedrive;

/// <summary>Sends the API token in the <c>x-api-token</c> header, never in the URL, so it cannot leak into logs.</summary>
internal sealed class PipedriveTokenHandler(Func<string> token) : DelegatingHandler
{
    public const string HeaderName = "x-api-token";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, token());
        return base.SendAsync(request, cancellationToken);
    }
}
