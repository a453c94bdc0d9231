namespace CrmBridge.Adapters.Bitrix24.Auth;

/// <summary>Sends a request past the authentication step (used for the token endpoint itself).</summary>
internal delegate Task<HttpResponseMessage> Bitrix24Send(HttpRequestMessage request, CancellationToken cancellationToken);
