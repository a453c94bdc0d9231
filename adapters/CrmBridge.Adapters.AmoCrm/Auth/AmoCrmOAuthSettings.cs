using CrmBridge.Core.Connections;

namespace CrmBridge.Adapters.AmoCrm.Auth;

/// <summary>A connection's OAuth client with its secret references resolved. Holds secrets: never log it.</summary>
internal sealed class AmoCrmOAuthSettings
{
    public required string Connection { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required Uri RedirectUri { get; init; }

    public required Uri TokenUrl { get; init; }

    /// <summary>The configured refresh token the chain starts from; null when the store alone holds the chain.</summary>
    public string? SeedRefreshToken { get; init; }

    public static AmoCrmOAuthSettings Resolve(ConnectionOptions connection, Uri baseUrl)
    {
        var oauth = connection.OAuth ?? throw new InvalidOperationException($"{connection.ConfigKey}:OAuth is not set.");
        return new AmoCrmOAuthSettings
        {
            Connection = connection.Name,
            ClientId = oauth.ClientId ?? throw new InvalidOperationException($"{connection.ConfigKey}:OAuth:ClientId is not set."),
            ClientSecret = Secret(oauth.ClientSecret, $"{connection.ConfigKey}:OAuth:ClientSecret")
                ?? throw new InvalidOperationException($"{connection.ConfigKey}:OAuth:ClientSecret is not set."),
            RedirectUri = oauth.RedirectUri ?? throw new InvalidOperationException($"{connection.ConfigKey}:OAuth:RedirectUri is not set."),
            TokenUrl = oauth.TokenUrl ?? new Uri(baseUrl, "oauth2/access_token"),
            SeedRefreshToken = Secret(oauth.RefreshToken, $"{connection.ConfigKey}:OAuth:RefreshToken"),
        };
    }

    private static string? Secret(string? value, string key) =>
        SecretReference.TryResolve(value, out var resolved, out var error)
            ? resolved
            : throw new InvalidOperationException($"{key} {error}.");

    public override string ToString() => $"AmoCrmOAuthSettings {{ Connection = {Connection}, TokenUrl = {TokenUrl} }}";
}
