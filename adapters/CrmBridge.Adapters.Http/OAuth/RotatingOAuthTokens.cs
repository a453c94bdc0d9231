using System.Security.Cryptography;
using System.Text;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.Http.OAuth;

/// <summary>
/// OAuth 2.0 access tokens of one connection whose refresh tokens are single-use (amoCRM, Bitrix24): every refresh
/// returns a new pair and spends the old refresh token. So: one refresh at a time in this process (a semaphore), one
/// across processes (a lease in <see cref="ICredentialStore"/>), and the new pair is saved (compare-and-swap on the
/// version read) before its access token is used. A worker that finds another one refreshing waits and reads the
/// stored pair again. A CRM supplies only its token request.
/// </summary>
public abstract partial class RotatingOAuthTokens : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ICredentialStore _store;
    private readonly IOAuthRefreshOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile StoredCredential? _current;

    /// <param name="seedRefreshToken">The configured refresh token: it starts the stored chain, and restarts it when it changes.</param>
    protected RotatingOAuthTokens(
        CrmKind kind, string connection, string? seedRefreshToken, ICredentialStore store, IOAuthRefreshOptions options, TimeProvider time, ILogger logger)
    {
        Kind = kind;
        Connection = connection;
        SeedRefreshToken = seedRefreshToken;
        SeedFingerprint = seedRefreshToken is null ? null : Fingerprint(seedRefreshToken);
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public CrmKind Kind { get; }

    public string Connection { get; }

    /// <summary>The token endpoint as errors name it (never its URL, which may carry secrets).</summary>
    protected abstract string TokenEndpoint { get; }

    /// <summary>Where the first refresh token comes from, for the error when none is configured.</summary>
    protected abstract string FirstAuthorization { get; }

    private string? SeedRefreshToken { get; }

    /// <summary>Of the configured refresh token, stored beside the chain to tell when the configuration changed it.</summary>

    private string? SeedFingerprint { get; }

    /// <summary>A short SHA-256 fingerprint: tells secrets apart without storing or showing them.</summary>
    public static string Fingerprint(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..16];

    public async ValueTask<string> GetAccessTokenAsync(OAuthSend send, CancellationToken cancellationToken)
    {
        if (_current is { } current && IsFresh(current, rejected: null))
        {
            return current.Pair.AccessToken;
        }

        return await AcquireAsync(rejected: null, send, cancellationToken);
    }

    /// <summary>After the CRM refused <paramref name="rejected"/>: a different token, refreshed once.</summary>
    public async ValueTask<string> RenewRejectedAsync(string rejected, OAuthSend send, CancellationToken cancellationToken)
    {
        LogRejected(_logger, Kind, Connection);
        return await AcquireAsync(rejected, send, cancellationToken);
    }

    public void Dispose()
    {
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Spends <paramref name="refreshToken"/> at the CRM's token endpoint; throws a <see cref="CrmException"/> when refused or unreachable.</summary>
    protected abstract Task<OAuthTokenGrant> RequestAsync(string refreshToken, OAuthSend send, CancellationToken cancellationToken);

    private async Task<string> AcquireAsync(string? rejected, OAuthSend send, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var waitUntil = _time.GetUtcNow() + _options.RefreshLeaseDuration + _options.RefreshLeaseDuration;
            while (true)
            {
                var stored = await LoadOrSeedAsync(cancellationToken);
                if (IsFresh(stored, rejected))
                {
                    _current = stored;
                    return stored.Pair.AccessToken;
                }

                var now = _time.GetUtcNow();
                if (await _store.TryAcquireRefreshLeaseAsync(Connection, stored.Version, _holder, now, _options.RefreshLeaseDuration, cancellationToken))
                {
                    var saved = await RefreshAsync(stored, send, cancellationToken);
                    if (saved is not null)
                    {
                        _current = saved;
                        return saved.Pair.AccessToken;
                    }

                    // Another worker saved a newer pair after our lease ran out; ours is lost, theirs is current.
                    LogLostRace(_logger, Kind, Connection);
                    continue;
                }

                if (now > waitUntil)
                {
                    throw new CrmUnavailableException(Kind, Connection, TokenEndpoint, "another worker has been refreshing the access token for too long");
                }

                await Task.Delay(_options.RefreshPollInterval, _time, cancellationToken);
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
            var stored = await _store.GetCredentialAsync(Connection, cancellationToken);
            if (stored is not null && (SeedRefreshToken is null || stored.Pair.SeedFingerprint == SeedFingerprint))
            {
                return stored;
            }

            if (SeedRefreshToken is null)
            {
                throw new CrmAuthException(
                    Kind, Connection, TokenEndpoint, $"no refresh token: set CrmBridge:Connections:{Connection}:OAuth:RefreshToken to {FirstAuthorization}");
            }

            // An empty access token that expired long ago: the first use refreshes it.
            var pair = new CredentialPair("", SeedRefreshToken, DateTimeOffset.UnixEpoch, SeedFingerprint);
            var seeded = await _store.TrySaveCredentialAsync(Connection, stored?.Version, pair, _time.GetUtcNow(), cancellationToken);
            if (seeded is not null)
            {
                LogSeeded(_logger, Kind, Connection);
                return seeded;
            }

            if (attempt > 3)
            {
                throw new InvalidOperationException($"The stored credential of {Connection} keeps changing while it is being seeded.");
            }
        }
    }

    private bool IsFresh(StoredCredential stored, string? rejected) =>
        stored.Pair.AccessToken.Length > 0
        && !string.Equals(stored.Pair.AccessToken, rejected, StringComparison.Ordinal)
        && stored.Pair.AccessTokenExpiresAt - _time.GetUtcNow() > _options.RefreshBeforeExpiry;

    /// <summary>Spends the stored refresh token and saves the new pair; null when the save lost to another worker.</summary>
    private async Task<StoredCredential?> RefreshAsync(StoredCredential stored, OAuthSend send, CancellationToken cancellationToken)
    {
        OAuthTokenGrant grant;
        try
        {
            grant = await RequestAsync(stored.Pair.RefreshToken, send, cancellationToken);
        }
        catch
        {
            await _store.ReleaseRefreshLeaseAsync(Connection, _holder, CancellationToken.None);
            throw;
        }

        var now = _time.GetUtcNow();
        var pair = new CredentialPair(grant.AccessToken, grant.RefreshToken, now + grant.ExpiresIn, stored.Pair.SeedFingerprint);

        // Saved before the new access token is used: losing the new refresh token would lock the connection out.
        var saved = await _store.TrySaveCredentialAsync(Connection, stored.Version, pair, now, CancellationToken.None);
        if (saved is not null)
        {
            LogRefreshed(_logger, Kind, Connection, saved.Version, pair.AccessTokenExpiresAt);
        }

        return saved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Crm} ({Connection}): access token refreshed (credential version {Version}, valid until {ExpiresAt})")]
    private static partial void LogRefreshed(ILogger logger, CrmKind crm, string connection, long version, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Crm} ({Connection}): stored the configured refresh token as the start of the token chain")]
    private static partial void LogSeeded(ILogger logger, CrmKind crm, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Crm} ({Connection}): the access token was refused; refreshing it once")]
    private static partial void LogRejected(ILogger logger, CrmKind crm, string connection);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Crm} ({Connection}): another worker replaced the token pair while this one refreshed it; using the stored pair")]
    private static partial void LogLostRace(ILogger logger, CrmKind crm, string connection);
}
