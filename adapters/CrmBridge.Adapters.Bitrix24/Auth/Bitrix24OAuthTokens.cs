using System.Net;
using System.Text.Json;
using CrmBridge.Adapters.Bitrix24.Http;
using CrmBridge.Adapters.Bitrix24.Models;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.Bitrix24.Auth;

/// <summary>
/// OAuth 2.0 access tokens of one Bitrix24 connection, refreshed at oauth.bitrix.info before they expire. Every refresh
/// returns a new pair and spends the old refresh token, so (as for amoCRM): one refresh at a time in this process (a
/// semaphore), one across processes (a lease in <see cref="ICredentialStore"/>), and the new pair is saved
/// (compare-and-swap on the version read) before its access token is used. A worker that finds another one refreshing
/// waits and reads the stored pair again.
/// </summary>
internal sealed partial class Bitrix24OAuthTokens(
    Bitrix24OAuthSettings settings,
    ICredentialStore store,
    Bitrix24Options options,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    private const string TokenEndpoint = "GET /oauth/token/";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private volatile StoredCredential? _current;

    public string Connection => settings.Connection;

    public async ValueTask<string> GetAccessTokenAsync(Bitrix24Send send, CancellationToken cancellationToken)
    {
        if (_current is { } current && IsFresh(current, rejected: null))
        {
            return current.Pair.AccessToken;
        }

        return await AcquireAsync(rejected: null, send, cancellationToken);
    }

    /// <summary>After the portal refused <paramref name="rejected"/> (expired_token, invalid_token): a different token, refreshed once.</summary>
    public async ValueTask<string> RenewRejectedAsync(string rejected, Bitrix24Send send, CancellationToken cancellationToken)
    {
        LogRejected(logger, settings.Connection);
        return await AcquireAsync(rejected, send, cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> AcquireAsync(string? rejected, Bitrix24Send send, CancellationToken cancellationToken)
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
                        CrmKind.Bitrix24, settings.Connection, TokenEndpoint, "another worker has been refreshing the access token for too long");
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
                    CrmKind.Bitrix24, settings.Connection, TokenEndpoint,
                    $"no refresh token: set CrmBridge:Connections:{settings.Connection}:OAuth:RefreshToken to the one from the application's first authorization");
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
    private async Task<StoredCredential?> RefreshAsync(StoredCredential stored, Bitrix24Send send, CancellationToken cancellationToken)
    {
        Bitrix24TokenResponse answer;
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

    private async Task<Bitrix24TokenResponse> RequestAsync(string refreshToken, Bitrix24Send send, CancellationToken cancellationToken)
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

            return answer;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bitrix24 ({Connection}): access token refreshed (credential version {Version}, valid until {ExpiresAt})")]
    private static partial void LogRefreshed(ILogger logger, string connection, long version, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bitrix24 ({Connection}): stored the configured refresh token as the start of the token chain")]
    private static partial void LogSeeded(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bitrix24 ({Connection}): the portal refused the access token; refreshing it once")]
    private static partial void LogRejected(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bitrix24 ({Connection}): another worker replaced the token pair while this one refreshed it; using the stored pair")]
    private static partial void LogLostRace(ILogger logger, string connection);
}
