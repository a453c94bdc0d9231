using System.Net;
using System.Text.Json;
using CrmBridge.Adapters.Bitrix24.Http;
using CrmBridge.Adapters.Bitrix24.Models;
using CrmBridge.Adapters.Http.OAuth;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.Bitrix24.Auth;

/// <summary>
/// OAuth 2.0 access tokens of one Bitrix24 connection, refreshed at oauth.bitrix.info; every refresh spends the old
/// refresh token, which <see cref="RotatingOAuthTokens"/> handles.
/// </summary>
internal sealed class Bitrix24OAuthTokens(
    Bitrix24OAuthSettings settings,
    ICredentialStore store,
    Bitrix24Options options,
    TimeProvider time,
    ILogger logger)
    : RotatingOAuthTokens(CrmKind.Bitrix24, settings.Connection, settings.SeedRefreshToken, store, options, time, logger)
{
    protected override string TokenEndpoint => "GET /oauth/token/";

    protected override string FirstAuthorization => "the one from the application's first authorization";

    protected override async Task<OAuthTokenGrant> RequestAsync(string refreshToken, OAuthSend send, CancellationToken cancellationToken)
    {
        // oauth.bitrix.info takes the refresh as a GET with the parameters in the query: the URL holds secrets, so it is
        // built here, sent below every logging step, and never named anywhere but as TokenEndpoint.
        var query = string.Join('&', new[]
        {
            ("grant_type", "refresh_token"),
            ("client_id", settings.ClientId),
            ("client_secret", settings.ClientSecret),
            ("refresh_token", refreshToken),
        }.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(settings.TokenUrl) { Query = query }.Uri);
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await send(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The inner exception may quote the URL: only its type travels on.
            throw new CrmUnavailableException(
                CrmKind.Bitrix24, settings.Connection, TokenEndpoint, $"the token endpoint could not be reached ({ex.GetType().Name})");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            Bitrix24TokenResponse? answer = null;
            try
            {
                answer = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, Bitrix24JsonContext.Default.Bitrix24TokenResponse);
            }
            catch (JsonException)
            {
                if (response.IsSuccessStatusCode)
                {
                    throw new CrmResponseException(CrmKind.Bitrix24, settings.Connection, TokenEndpoint, "malformed JSON");
                }
            }

            if (answer?.Error is { Length: > 0 } || response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                if ((int)response.StatusCode >= 500)
                {
                    throw new CrmUnavailableException(CrmKind.Bitrix24, settings.Connection, TokenEndpoint, $"HTTP {(int)response.StatusCode}");
                }

                var said = answer?.Error is null ? null : Bitrix24Errors.Describe(answer.Error, answer.ErrorDescription);
                throw new CrmAuthException(
                    CrmKind.Bitrix24, settings.Connection, TokenEndpoint,
                    $"Bitrix24 refused to refresh the OAuth access token of connection '{settings.Connection}' (HTTP {(int)response.StatusCode}"
                    + (said is null ? "" : $": {said}") + "); authorize the application again "
                    + $"and put the new refresh token in CrmBridge:Connections:{settings.Connection}:OAuth:RefreshToken");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CrmUnavailableException(CrmKind.Bitrix24, settings.Connection, TokenEndpoint, $"HTTP {(int)response.StatusCode}");
            }

            if (answer is not { AccessToken.Length: > 0, RefreshToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new CrmResponseException(CrmKind.Bitrix24, settings.Connection, TokenEndpoint, "the answer lacks access_token, refresh_token or expires_in");
            }

            return new OAuthTokenGrant(answer.AccessToken!, answer.RefreshToken!, TimeSpan.FromSeconds(answer.ExpiresIn));
        }
    }
}
