using CrmBridge.Core.Connections;

namespace CrmBridge.Adapters.Bitrix24.Auth;

/// <summary>A connection's OAuth application with its secret references resolved. Holds secrets: never log it.</summary>
internal sealed class Bitrix24OAuthSettings
{
    /// <summary>Bitrix24's authorization server: the client secret goes only here, never to the portal.</summary>
    public static readonly Uri DefaultTokenUrl = new("https://oauth.bitrix.info/oauth/token/");

    public required string Connection { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required Uri TokenUrl { get; init; }

    /// <summary>The configured refresh token the chain starts from; null when the store alone holds the chain.</summary>
    public string? SeedRefreshToken { get; init; }

    public static Bitrix24OAuthSettings Resolve(ConnectionOptions connection)
    {
        var oauth = connection.OAuth ?? throw new InvalidOperationException($"{connection.ConfigKey}:OAuth is not set.");
        return new Bitrix24OAuthSettings
        {
            Connection = connection.Name,
            ClientId = string.IsNullOrWhiteSpace(oauth.ClientId)
                ? throw new InvalidOperationException($"{connection.ConfigKey}:OAuth:ClientId is not set.")
                : oauth.ClientId.Trim(),
            ClientSecret = Secret(oauth.ClientSecret, $"{connection.ConfigKey}:OAuth:ClientSecret")
                ?? throw new InvalidOperationException($"{connection.ConfigKey}:OAuth:ClientSecret is not set."),
            TokenUrl = oauth.TokenUrl ?? DefaultTokenUrl,
            SeedRefreshToken = Secret(oauth.RefreshToken, $"{connection.ConfigKey}:OAuth:RefreshToken"),
        };
    }

    private static string? Secret(string? value, string key) =>
        SecretReference.TryResolve(value, out var resolved, out var error)
            ? string.IsNullOrWhiteSpace(resolved) ? null : resolved.Trim()
            : throw new InvalidOperationException($"{key} {error}.");

    public override string ToString() => $"Bitrix24OAuthSettings {{ Connection = {Connection}, TokenUrl = {TokenUrl.GetLeftPart(UriPartial.Path)} }}";
}
