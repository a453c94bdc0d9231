using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.HubSpot.Tests.TestSupport;

/// <summary>A HubSpot adapter factory wired to a <see cref="HubSpotFake"/>, with short retry delays.</summary>
public sealed class HubSpotHarness : IDisposable
{
    public const string Token = "pat-na1-test-secret-token";
    public const string ConnectionName = "main";

    private readonly ILoggerFactory _loggerFactory;

    public HubSpotHarness(Action<HubSpotOptions>? configure = null, TimeProvider? time = null)
    {
        Options = FastOptions();
        configure?.Invoke(Options);
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Provider = new CrmHttpClientProvider(Meter, TimeProvider.System, _loggerFactory);
        Factory = new HubSpotAdapterFactory(Provider, Microsoft.Extensions.Options.Options.Create(Options), time ?? TimeProvider.System);
        Connection = new ConnectionOptions
        {
            Name = ConnectionName,
            Kind = "HubSpot",
            BaseUrl = Fake.Url,
            Token = Token,
            FieldMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["deal.source"] = "lead_source",
                ["company.inn"] = "tax_id",
                ["company.website"] = "website",
                ["company.size"] = "company_size",
            },
        };
    }

    public HubSpotFake Fake { get; } = new();

    public HubSpotOptions Options { get; }

    public CrmRequestMeter Meter { get; } = new();

    public ListLoggerProvider Logs { get; } = new();

    public CrmHttpClientProvider Provider { get; }

    public HubSpotAdapterFactory Factory { get; }

    public ConnectionOptions Connection { get; }

    public ICrmAdapter CreateAdapter() => Factory.Create(Connection);

    public static HubSpotOptions FastOptions() => new()
    {
        RateLimitPermits = 1000,
        RateLimitWindow = TimeSpan.FromSeconds(1),
        SearchRateLimitPermits = 1000,
        SearchRateLimitWindow = TimeSpan.FromSeconds(1),
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
