using CrmBridge.Adapters.Http.OAuth;

namespace CrmBridge.Adapters.AmoCrm.Auth;

/// <summary>A long-lived token (a JWT made in the integration settings): sent as is, never refreshed.</summary>
internal sealed class AmoCrmLongLivedToken(string token) : IAmoCrmTokenProvider
{
    public ValueTask<string> GetAccessTokenAsync(OAuthSend send, CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public ValueTask<string?> RenewRejectedAsync(string rejected, OAuthSend send, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(null);
}
