using CrmBridge.Adapters.Http.OAuth;

namespace CrmBridge.Adapters.AmoCrm.Auth;

/// <summary>Gives the access token for each request: a long-lived token, or an OAuth token refreshed through the credential store.</summary>
internal interface IAmoCrmTokenProvider
{
    ValueTask<string> GetAccessTokenAsync(OAuthSend send, CancellationToken cancellationToken);

    /// <summary>After a 401 for <paramref name="rejected"/>: a different token worth one more try, or null when there is none.</summary>
    ValueTask<string?> RenewRejectedAsync(string rejected, OAuthSend send, CancellationToken cancellationToken);
}
