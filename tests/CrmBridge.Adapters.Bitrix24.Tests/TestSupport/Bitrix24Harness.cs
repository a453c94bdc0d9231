using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.Bitrix24.Tests.TestSupport;

/// <summary>A Bitrix24 adapter factory wired to a <see cref="Bitrix24Fake"/>, with short retry delays and the limiter lifted.</summary>
public sealed class Bitrix24Harness : IDisposable
{
    public const string ConnectionName = "portal";

    private readonly ILoggerFactory _loggerFactory;

    public Bitrix24Harness(Action<Bitrix24Options>? configure = null, TimeProvider? time = null)
    {
        Options = FastOptions();
        configure?.Invoke(Options);
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Provider = new CrmHttpClientProvider(Meter, TimeProvider.System, _loggerFactory);
        Factory = new Bitrix24AdapterFactory(Provider, Microsoft.Extensions.Options.Options.Create(Options), time ?? TimeProvider.System);
        Connection = new ConnectionOptions
        {
            Name = ConnectionName,
            Kind = "Bitrix24",
            Token = Fake.WebhookUrl,
            FieldMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["deal.source"] = "UF_CRM_SOURCE",
                ["deal.lost_reason"] = "Loss reason",
                ["deal.crmbridge_marker"] = "UF_CRM_MARKER",
                ["company.inn"] = "UF_CRM_INN",
                ["contact.role"] = "Buying role",
            },
        };
    }

    public Bitrix24Fake Fake { get; } = new();

    public Bitrix24Options Options { get; }

    public CrmRequestMeter Meter { get; } = new();

    public ListLoggerProvider Logs { get; } = new();

    public CrmHttpClientProvider Provider { get; }

    public Bitrix24AdapterFactory Factory { get; }

    public ConnectionOptions Connection { get; }

    public ICrmAdapter CreateAdapter() => Factory.Create(Connection);

    public static Bitrix24Options FastOptions() => new()
    {
        RequestsPerSecond = 1000,
        Burst = 1000,
        Resilience = new CrmResilienceOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(60),
            RateLimitedFallbackDelay = TimeSpan.FromMilliseconds(50),
        },
    };

    public void Dispose()
    {
        Provider.Dispose();
        _loggerFactory.Dispose();
        Fake.Dispose();
        Logs.Dispose();
    }
}
