namespace CrmBridge.Adapters.Http.OAuth;

/// <summary>What a CRM's token endpoint granted: a new access token, the refresh token that replaces the spent one, and the access token's lifetime.</summary>
public sealed record OAuthTokenGrant(string AccessToken, string RefreshToken, TimeSpan ExpiresIn);
