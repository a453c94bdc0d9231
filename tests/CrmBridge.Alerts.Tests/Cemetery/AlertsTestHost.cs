using System.Collections.Concurrent;
using CrmBridge.Alerts.Cemetery;
using CrmBridge.Core.Cemetery;
using CrmBridge.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Alerts.Tests.Cemetery;

/// <summary>
/// The cemetery's channels as the product registers them (AddCemeteryAlerts), a real SQLite outbox, a fake clock, and
/// every log line captured at Trace, so tests can check that no secret is ever logged. The fake clock drives the outbox;
/// HTTP retries wait in real time (milliseconds here).
/// </summary>
internal sealed class AlertsTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbridge-alerts", Guid.NewGuid().ToString("N"));

    public AlertsTestHost(Dictionary<string, string?> config)
    {
        config.TryAdd("CrmBridge:Cemetery:Delivery:HttpRetries", "2");
        config.TryAdd("CrmBridge:Cemetery:Delivery:HttpRetryDelay", "00:00:00.010");
        config.TryAdd("CrmBridge:Cemetery:Delivery:HttpTimeout", "00:00:10");
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(Logs)));
        services.AddCemeteryAlerts();
        _services = services.BuildServiceProvider();
        Store = new SqliteCrmStore(Path.Combine(_directory, "store.db"), Time);
    }

    public FakeTimeProvider Time { get; } = new(Now);

    public ConcurrentQueue<string> Logs { get; } = new();

    public SqliteCrmStore Store { get; }

    public CemeteryOptions Options => _services.GetRequiredService<IOptions<CemeteryOptions>>().Value;

    public ICemeteryChannel Channel(string name) => name switch
    {
        SlackCemeteryChannel.ChannelName => new SlackCemeteryChannel(Http, OptionsAccessor),
        TelegramCemeteryChannel.ChannelName => new TelegramCemeteryChannel(Http, OptionsAccessor),
        WebhookCemeteryChannel.ChannelName => new WebhookCemeteryChannel(Http, OptionsAccessor),
        EmailCemeteryChannel.ChannelName => new EmailCemeteryChannel(OptionsAccessor),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private CemeteryHttpSender Http => _services.GetRequiredService<CemeteryHttpSender>();

    private IOptions<CemeteryOptions> OptionsAccessor => _services.GetRequiredService<IOptions<CemeteryOptions>>();

    public async Task InitializeAsync() => await Store.MigrateAsync(default);

    /// <summary>Renders the digest on the channel, enqueues it as the alerter does, and runs one outbox pass.</summary>
    public async Task<CemeteryDeliveryReport> EnqueueAndDeliverAsync(ICemeteryChannel channel, CemeteryDigest digest)
    {
        var messages = channel.Render(digest).Select(m => new CemeteryOutboxMessage
        {
            IdempotencyKey = $"cemetery:{channel.Name}:{digest.Fingerprint()}",
            Connection = digest.Connection,
            Channel = channel.Name,
            DigestKind = digest.Kind,
            Recipient = m.Recipient,
            Subject = m.Subject,
            Parts = m.Parts,
            CreatedAt = Time.GetUtcNow(),
            NextAttemptAt = Time.GetUtcNow(),
        }).ToList();
        await Store.SaveAlertRunAsync(new CemeteryAlertRun(digest.Connection, [], [], Time.GetUtcNow(), messages), default);
        return await DeliverAsync(channel);
    }

    public Task<CemeteryDeliveryReport> DeliverAsync(ICemeteryChannel channel) =>
        new CemeteryDispatcher(Store, [channel], OptionsAccessor, Time, _services.GetRequiredService<ILogger<CemeteryDispatcher>>()).DeliverDueAsync(null, default);

    public async Task<IReadOnlyList<CemeteryOutboxMessage>> OutboxAsync() => await Store.GetMessagesAsync(new CemeteryOutboxQuery(), default);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
