using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CrmBridge.Core.Connections;
using Hangfire.Dashboard;

namespace CrmBridge.Worker.Hosting;

/// <summary>
/// Who may see the Hangfire dashboard: with <c>CrmBridge:Dashboard:Username</c>/<c>Password</c> set, whoever signs in with
/// them (HTTP basic authentication; put TLS in front when it leaves the machine); without them, local requests only.
/// </summary>
internal sealed class DashboardAuthorization : IDashboardAuthorizationFilter
{
    private const string Challenge = "Basic realm=\"CrmBridge jobs\", charset=\"UTF-8\"";
    private readonly byte[] _expected;

    private DashboardAuthorization(string username, string password) =>
        _expected = SHA256.HashData(Encoding.UTF8.GetBytes(username + ":" + password));

    /// <summary>The filters for validated options: basic authentication when credentials are configured, else local only.</summary>
    public static IDashboardAuthorizationFilter[] For(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Username) || !SecretReference.TryResolve(options.Password, out var password, out _) || string.IsNullOrEmpty(password))
        {
            return [new LocalRequestsOnlyAuthorizationFilter()];
        }

        return [new DashboardAuthorization(options.Username, password)];
    }

    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && TryDecode(header.Parameter, out var credentials)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(credentials), _expected))
        {
            return true;
        }

        http.Response.Headers.WWWAuthenticate = Challenge;
        return false;
    }

    private static bool TryDecode(string? parameter, out byte[] credentials)
    {
        credentials = [];
        if (string.IsNullOrEmpty(parameter))
        {
            return false;
        }

        var buffer = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, buffer, out var written))
        {
            return false;
        }

        credentials = buffer[..written];
        return true;
    }
}
