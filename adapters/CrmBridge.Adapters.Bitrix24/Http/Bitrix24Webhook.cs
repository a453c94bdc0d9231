using CrmBridge.Core.Connections;

namespace CrmBridge.Adapters.Bitrix24.Http;

/// <summary>
/// An inbound webhook: the portal's REST root (<c>https://portal/rest/</c>), the user it acts as and its secret code.
/// Methods are called as <c>{RestRoot}{UserId}/{Secret}/{method}.json</c>. <see cref="ToString"/> never shows the secret.
/// </summary>
internal sealed record Bitrix24Webhook(Uri RestRoot, string UserId, string Secret)
{
    /// <summary>
    /// Reads the webhook from a connection, in either of two forms: Token is the whole webhook URL
    /// (<c>https://portal/rest/1/abc/</c>, BaseUrl unset or the same portal), or BaseUrl is <c>https://portal/rest/1/</c>
    /// and Token is the secret. Errors name keys, never the secret.
    /// </summary>
    public static bool TryParse(ConnectionOptions connection, string? token, out Bitrix24Webhook? webhook, out string? error)
    {
        webhook = null;
        error = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            error = $"{connection.ConfigKey}:Token is required for Bitrix24: the inbound webhook URL https://{{portal}}/rest/{{user}}/{{secret}}/ (or env:NAME holding it).";
            return false;
        }

        token = token.Trim();
        if (Uri.TryCreate(token, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var rest = Array.IndexOf(segments, "rest");
            if (rest < 0 || segments.Length < rest + 3 || !IsUserId(segments[rest + 1]))
            {
                error = $"{connection.ConfigKey}:Token is a URL but not an inbound webhook URL of the form https://{{portal}}/rest/{{user}}/{{secret}}/.";
                return false;
            }

            if (connection.BaseUrl is { } baseUrl && !string.Equals(baseUrl.Authority, url.Authority, StringComparison.OrdinalIgnoreCase))
            {
                error = $"{connection.ConfigKey}:BaseUrl host {baseUrl.Authority} differs from the webhook URL's host; leave BaseUrl unset when Token is the whole webhook URL.";
                return false;
            }

            var root = new Uri(url, "/" + string.Join('/', segments.Take(rest + 1)) + "/");
            webhook = new Bitrix24Webhook(root, segments[rest + 1], segments[rest + 2]);
            return true;
        }

        if (connection.BaseUrl is not { } portal)
        {
            error = $"{connection.ConfigKey}:BaseUrl is required when Token holds only the webhook secret: set it to https://{{portal}}/rest/{{user}}/ (or put the whole webhook URL in Token).";
            return false;
        }

        var parts = portal.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var restIndex = Array.IndexOf(parts, "rest");
        if (restIndex < 0 || parts.Length != restIndex + 2 || !IsUserId(parts[restIndex + 1]))
        {
            error = $"{connection.ConfigKey}:BaseUrl '{portal}' must be https://{{portal}}/rest/{{user}}/ when Token holds only the webhook secret.";
            return false;
        }

        if (token.Contains('/', StringComparison.Ordinal))
        {
            error = $"{connection.ConfigKey}:Token must be the webhook secret alone (no slashes) when BaseUrl names the user.";
            return false;
        }

        webhook = new Bitrix24Webhook(new Uri(portal, "/" + string.Join('/', parts.Take(restIndex + 1)) + "/"), parts[restIndex + 1], token);
        return true;
    }

    /// <summary>The method's address with the secret in it: only the webhook handler builds this, just before sending.</summary>
    public Uri MethodUri(string methodPath) => new(RestRoot, $"{UserId}/{Secret}/{methodPath}");

    public override string ToString() => $"{RestRoot}{UserId}/***/";

    private static bool IsUserId(string segment) => segment.Length > 0 && segment.All(char.IsAsciiDigit);
}
