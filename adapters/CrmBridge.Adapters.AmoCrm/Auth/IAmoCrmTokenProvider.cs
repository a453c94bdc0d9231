namespace CrmBridge.Adapters.AmoCrm.Auth;

/// <summary>Sends a request past the authentication step (used for the token endpoint itself).</summary>
internal delegate Task<HttpResponseMessage> AmoCrmSend(HttpRequestMessage request, CancellationToken cancellationToken);

/// <summary>Gives the access token for each request: a long-lived token, or an OAuth token refreshed through the credential store.</summary>
internal interface IAmoCrmTokenProvider
{
    ValueTask<string> GetAccessTokenAsync(AmoCrmSend send, CancellationToken cancellationToken);

    /// <summary>After a 401 for <paramref name="rejected"/>: a different token worth one more try, or null when there is none.</summary>
    ValueTask<string?> RenewRejectedAsync(string rejected, AmoCrmSend send, CancellationToken cancellationToken);
}
