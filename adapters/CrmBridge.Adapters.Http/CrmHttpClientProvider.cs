using System.Collections.Concurrent;
using System.Net;
using CrmBridge.Adapters.Http.Handlers;
using CrmBridge.Adapters.Http.Resilience;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Adapters.Http;

/// <summary>
/// Builds and caches one <see cref="CrmHttpConnection"/> per CRM connection. Register it as a singleton
/// (<see cref="CrmHttpServiceCollectionExtensions.AddCrmHttp"/>); adapter factories ask it for their connection's client.
/// </summary>
/// <remarks>
/// Why not IHttpClientFactory named clients: connections come from configuration at run time, each needs its own rate
/// limiter that lives as long as the process (a factory handler rotates every few minutes and would reset the budget),
/// and the factory's default logging writes request URLs, which for Bitrix24 carry the webhook secret. So each
/// connection gets a handler chain built once and cached here, and all chains share one SocketsHttpHandler, which pools
/// sockets and renews them every few minutes for DNS changes.
/// </remarks>
public sealed class CrmHttpClientProvider : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly SocketsHttpHandler _sockets = new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = DecompressionMethods.All,
    };

    private readonly CrmRequestMeter _meter;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;

    public CrmHttpClientProvider(CrmRequestMeter meter, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(time);
        _meter = meter;
        _time = time;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>
    /// The cached pipeline of <paramref name="connection"/>, built on first use and rebuilt only when the connection's
    /// settings change (a configuration reload), so every adapter of a connection shares one rate limiter.
    /// </summary>
    public CrmHttpConnection GetConnection(ConnectionOptions connection, CrmHttpProfile profile)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(profile);
        var fingerprint = Fingerprint(connection, profile);
        var key = $"{profile.Crm}/{connection.Name}";
        if (_connections.TryGetValue(key, out var entry) && entry.Fingerprint == fingerprint)
        {
            return entry.Http;
        }

        lock (_gate)
        {
            if (_connections.TryGetValue(key, out entry) && entry.Fingerprint == fingerprint)
            {
                return entry.Http;
            }

            var http = Build(connection, profile);
            _connections[key] = new Entry(fingerprint, http);
            return http;
        }
    }

    public void Dispose()
    {
        foreach (var entry in _connections.Values)
        {
            entry.Http.Client.Dispose();
        }

        _connections.Clear();
        _sockets.Dispose();
    }

    private CrmHttpConnection Build(ConnectionOptions connection, CrmHttpProfile profile)
    {
        var logger = _loggerFactory.CreateLogger("CrmBridge.Adapters.Http");
        var baseAddress = WithTrailingSlash(connection.BaseUrl ?? profile.DefaultBaseUrl);
        var rateLimit = EffectiveRateLimit(connection, profile);
        var limiter = CrmRateLimiters.Create(rateLimit, profile.EndpointRateLimits, _time);
        var slowDown = profile.SlowDownHint is null ? null : new CrmSlowDownGate(_time);
        var pipeline = CrmResiliencePipeline.Create(profile, connection.Name, limiter, _time, logger, slowDown);

        HttpMessageHandler inner = _sockets;
        if (profile.CreateAuthenticationHandler?.Invoke(connection) is { } authentication)
        {
            authentication.InnerHandler = inner;
            inner = authentication;
        }

        var chain = new CrmFailureTranslationHandler(profile, connection.Name)
        {
            InnerHandler = new ResilienceHandler(pipeline)
            {
                InnerHandler = new CrmAttemptHandler(profile, connection.Name, _meter, _time, logger, slowDown) { InnerHandler = inner },
            },
        };

        // The shared socket handler outlives every client, so the client must not dispose the chain down to it.
        var client = new HttpClient(chain, disposeHandler: false)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        CrmHttpLog.PipelineCreated(logger, profile.Crm, connection.Name, baseAddress.Host, rateLimit?.ToString() ?? "off");
        return new CrmHttpConnection(profile, connection.Name, baseAddress, rateLimit, client);
    }

    private static CrmRateLimit? EffectiveRateLimit(ConnectionOptions connection, CrmHttpProfile profile) => connection.RateLimit switch
    {
        null => profile.DefaultRateLimit,
        { Enabled: false } => null,
        { PermitLimit: > 0 } limit when limit.Window > TimeSpan.Zero => new CrmRateLimit(limit.PermitLimit, limit.Window) { Burst = profile.DefaultRateLimit.Burst },
        _ => profile.DefaultRateLimit,
    };

    // Refit joins relative paths to the base address's path, which must end with a slash to be kept.
    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static string Fingerprint(ConnectionOptions connection, CrmHttpProfile profile)
    {
        var limit = connection.RateLimit;
        var resilience = profile.Resilience;
        return string.Join(
            '|',
            connection.BaseUrl?.AbsoluteUri,
            connection.Token?.GetHashCode(StringComparison.Ordinal),
            limit?.Enabled,
            limit?.PermitLimit,
            limit?.Window,
            resilience.MaxAttempts,
            resilience.BaseDelay,
            resilience.MaxDelay,
            resilience.AttemptTimeout,
            resilience.TotalTimeout,
            resilience.RateLimitedFallbackDelay,
            resilience.MaxRateLimitedWait);
    }

    private sealed record Entry(string Fingerprint, CrmHttpConnection Http);
}
