using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmBridge.Adapters.AmoCrm.Models;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.AmoCrm.Auth;

/// <summary>
/// OAuth 2.0 access tokens of one connection, refreshed before they expire. amoCRM's refresh token is single-use, so:
/// one refresh at a time in this process (a semaphore), one across processes (a lease in <see cref="ICredentialStore"/>),
/// and the new pair is saved (compare-and-swap on the version read) before its access token is used. A worker that
/// finds another one refreshing waits and reads the stored pair again.
/// </summary>
internal sealed partial class AmoCrmOAuthTokens(
    AmoCrmOAuthSettings settings,
    ICredentialStore store,
    AmoCrmOptions options,
    TimeProvider time,
    ILogger logger) : IAmoCrmTokenProvider, IDisposable
{
    private const string TokenEndpoint = "POST /oauth2/access_token";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private volatile StoredCredential? _current;

    public async ValueTask<string> GetAccessTokenAsync(AmoCrmSend send, CancellationToken cancellationToken)
    {
        if (_current is { } current && IsFresh(current, rejected: null))
        {
            return current.Pair.AccessToken;
        }

        return await AcquireAsync(rejected: null, send, cancellationToken);
    }

    public async ValueTask<string?> RenewRejectedAsync(string rejected, AmoCrmSend send, CancellationToken cancellationToken)
    {
        LogRejected(logger, settings.Connection);
        return await AcquireAsync(rejected, send, cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> AcquireAsync(string? rejected, AmoCrmSend send, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var waitUntil = time.GetUtcNow() + options.RefreshLeaseDuration + options.RefreshLeaseDuration;
            while (true)
            {
                var stored = await LoadOrSeedAsync(cancellationToken);
                if (IsFresh(stored, rejected))
                {
                    _current = stored;
                    return stored.Pair.AccessToken;
                }

                var now = time.GetUtcNow();
                if (await store.TryAcquireRefreshLeaseAsync(settings.Connection, stored.Version, _holder, now, options.RefreshLeaseDuration, cancellationToken))
                {
                    var saved = await RefreshAsync(stored, send, cancellationToken);
                    if (saved is not null)
                    {
                        _current = saved;
                        return saved.Pair.AccessToken;
                    }

                    // Another worker saved a newer pair after our lease ran out; ours is lost, theirs is current.
                    LogLostRace(logger, settings.Connection);
                    continue;
                }

                if (now > waitUntil)
                {
                    throw new CrmUnavailableException(
                        CrmKind.AmoCrm, settings.Connection, TokenEndpoint, "another worker has been refreshing the access token for too long");
                }

                await Task.Delay(options.RefreshPollInterval, time, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The stored pair; the configured refresh token starts (or restarts, when it changed) the stored chain.</summary>
    private async Task<StoredCredential> LoadOrSeedAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.GetCredentialAsync(settings.Connection, cancellationToken);
            var seed = settings.SeedRefreshToken;
            if (stored is not null && (seed is null || stored.Pair.SeedFingerprint == settings.SeedFingerprint))
            {
                return stored;
            }

            if (seed is null)
            {
                throw new CrmAuthException(
                    CrmKind.AmoCrm, settings.Connection, TokenEndpoint,
                    $"no refresh token: set CrmBridge:Connections:{settings.Connection}:OAuth:RefreshToken to the one from authorizing the integration");
            }

            // An empty access token that expired long ago: the first use refreshes it.
            var pair = new CredentialPair("", seed, DateTimeOffset.UnixEpoch, settings.SeedFingerprint);
            var seeded = await store.TrySaveCredentialAsync(settings.Connection, stored?.Version, pair, time.GetUtcNow(), cancellationToken);
            if (seeded is not null)
            {
                LogSeeded(logger, settings.Connection);
                return seeded;
            }

            if (attempt > 3)
            {
                throw new InvalidOperationException($"The stored credential of {settings.Connection} keeps changing while it is being seeded.");
            }
        }
    }

    private bool IsFresh(StoredCredential stored, string? rejected) =>
        stored.Pair.AccessToken.Length > 0
        && !string.Equals(stored.Pair.AccessToken, rejected, StringComparison.Ordinal)
        && stored.Pair.AccessTokenExpiresAt - time.GetUtcNow() > options.RefreshBeforeExpiry;

    /// <summary>Spends the stored refresh token and saves the new pair; null when the save lost to another worker.</summary>
    private async Task<StoredCredential?> RefreshAsync(StoredCredential stored, AmoCrmSend send, CancellationToken cancellationToken)
    {
        AmoCrmTokenResponse answer;
        try
        {
            answer = await RequestAsync(stored.Pair.RefreshToken, send, cancellationToken);
        }
        catch
        {
            await store.ReleaseRefreshLeaseAsync(settings.Connection, _holder, CancellationToken.None);
            throw;
        }

        var now = time.GetUtcNow();
        var pair = new CredentialPair(answer.AccessToken!, answer.RefreshToken!, now + TimeSpan.FromSeconds(answer.ExpiresIn), stored.Pair.SeedFingerprint);

        // Saved before the new access token is used: losing the new refresh token would lock the connection out.
        var saved = await store.TrySaveCredentialAsync(settings.Connection, stored.Version, pair, now, CancellationToken.None);
        if (saved is not null)
        {
            LogRefreshed(logger, settings.Connection, saved.Version, pair.AccessTokenExpiresAt);
        }

        return saved;
    }

    private async Task<AmoCrmTokenResponse> RequestAsync(string refreshToken, AmoCrmSend send, CancellationToken cancellationToken)
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

            return answer;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "amoCRM ({Connection}): access token refreshed (credential version {Version}, valid until {ExpiresAt})")]
    private static partial void LogRefreshed(ILogger logger, string connection, long version, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "amoCRM ({Connection}): stored the configured refresh token as the start of the token chain")]
    private static partial void LogSeeded(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "amoCRM ({Connection}): the access token was refused; getting a new one once")]
    private static partial void LogRejected(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Error, Message = "amoCRM ({Connection}): another worker replaced the token pair while this one refreshed it; using the stored pair")]
    private static partial void LogLostRace(ILogger logger, string connection);
}
