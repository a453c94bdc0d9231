namespace CrmBridge.Core.Credentials;

/// <summary>
/// OAuth 2.0 client settings of a connection, under <c>CrmBridge:Connections:{name}:OAuth</c>, for CRMs whose access
/// tokens expire and are refreshed. Secrets may be secret references (<c>env:NAME</c>, <c>file:/path</c>).
/// </summary>
public sealed class OAuthClientOptions
{
    /// <summary>The integration's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The integration's client secret, or a secret reference. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The redirect URI registered with the integration; the token endpoint checks it on every refresh.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// The first refresh token (from exchanging the authorization code), or a secret reference. After the first refresh
    /// the store keeps the current one; setting a different value here later starts the chain again from it.
    /// </summary>
    public string? RefreshToken { get; set; }

    /// <summary>The token endpoint; each adapter derives it from the connection's BaseUrl when null.</summary>
    public Uri? TokenUrl { get; set; }
}
