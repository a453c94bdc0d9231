namespace CrmBridge.Adapters.Http.OAuth;

/// <summary>Sends a request past the authentication step (used for the token endpoint itself).</summary>
public delegate Task<HttpResponseMessage> OAuthSend(HttpRequestMessage request, CancellationToken cancellationToken);
