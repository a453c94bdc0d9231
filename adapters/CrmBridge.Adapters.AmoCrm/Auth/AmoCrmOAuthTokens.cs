using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmBridge.Adapters.AmoCrm.Models;
using CrmBridge.Adapters.Http.OAuth;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.AmoCrm.Auth;

/// <summary>
/// OAuth 2.0 access tokens of one amoCRM connection, refreshed at the account's <c>/oauth2/access_token</c>; amoCRM's
/// refresh token is single-use, which <see cref="RotatingOAuthTokens"/> handles.
/// </summary>
internal sealed class AmoCrmOAuthTokens(
    AmoCrmOAuthSettings settings,
    ICredentialStore store,
    AmoCrmOptions options,
    TimeProvider time,
    ILogger logger)
    : RotatingOAuthTokens(CrmKind.AmoCrm, settings.Connection, settings.SeedRefreshToken, store, options, time, logger), IAmoCrmTokenProvider
{
    protected override string TokenEndpoint => "POST /oauth2/access_token";

    protected override string FirstAuthorization => "the one from authorizing the integration";

    async ValueTask<string?> IAmoCrmTokenProvider.RenewRejectedAsync(string rejected, OAuthSend send, CancellationToken cancellationToken) =>
        await RenewRejectedAsync(rejected, send, cancellationToken);

    protected override async Task<OAuthTokenGrant> RequestAsync(string refreshToken, OAuthSend send, CancellationToken cancellationToken)
    {
        var body = new AmoCrmTokenRequest
        {
            ClientId = settings.ClientId,
            ClientSecret = settings.ClientSecret,
            RefreshToken = refreshToken,
            RedirectUri = settings.RedirectUri.AbsoluteUri,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenUrl)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, AmoCrmJsonContext.Default.AmoCrmTokenRequest), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await send(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new CrmUnavailableException(CrmKind.AmoCrm, settings.Connection, TokenEndpoint, "the token endpoint could not be reached", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                var said = AmoCrmErrorBody.ReadMessage(text);
                throw new CrmAuthException(
                    CrmKind.AmoCrm, settings.Connection, TokenEndpoint,
                    $"the refresh token was refused (HTTP {(int)response.StatusCode}{(said is null ? "" : $": {said}")}); authorize the integration again "
                    + $"and put the new refresh token in CrmBridge:Connections:{settings.Connection}:OAuth:RefreshToken");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CrmUnavailableException(CrmKind.AmoCrm, settings.Connection, TokenEndpoint, $"HTTP {(int)response.StatusCode}");
            }

            AmoCrmTokenResponse? answer;
            try
            {
                answer = JsonSerializer.Deserialize(text, AmoCrmJsonContext.Default.AmoCrmTokenResponse);
            }
            catch (JsonException ex)
            {
                throw new CrmResponseException(CrmKind.AmoCrm, settings.Connection, TokenEndpoint, "malformed JSON", ex);
            }

            if (answer is not { AccessToken.Length: > 0, RefreshToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new CrmResponseException(CrmKind.AmoCrm, settings.Connection, TokenEndpoint, "the answer lacks access_token, refresh_token or expires_in");
            }

            return new OAuthTokenGrant(answer.AccessToken!, answer.RefreshToken!, TimeSpan.FromSeconds(answer.ExpiresIn));
        }
    }
}
