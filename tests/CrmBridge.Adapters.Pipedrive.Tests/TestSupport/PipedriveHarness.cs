using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.Pipedrive.Tests.TestSupport;

/// <summary>A Pipedrive adapter factory wired to a <see cref="PipedriveFake"/>, with short retry delays; the field map speaks field names.</summary>
public sealed class PipedriveHarness : IDisposable
{
    /// <summary>A 40-character hexadecimal API token (a test value).</summary>
    public const string Token = "0123456789abcdef0123456789abcdef01234567";
    public const string ConnectionName = "main";

    private readonly ILoggerFactory _loggerFactory;

    public PipedriveHarness(Action<PipedriveOptions>? configure = null, string token = Token)
    {
        Options = FastOptions();
        configure?.Invoke(Options);
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Provider = new CrmHttpClientProvider(Meter, TimeProvider.System, _loggerFactory);
        Factory = new PipedriveAdapterFactory(Provider, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System);
        Connection = new ConnectionOptions
        {
            Name = ConnectionName,
            Kind = "Pipedrive",
            BaseUrl = Fake.Url,
            Token = token,
            FieldMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["deal.source"] = "Lead source",
                ["deal.crmbridge_marker"] = "CrmBridge marker",
                ["deal.regions"] = "regions",
                ["deal.budget"] = FieldKeys.Budget,
                ["company.inn"] = "INN",
                ["company.website"] = "Website",
                ["contact.role"] = "Buying role",
            },
        };
    }

    public PipedriveFake Fake { get; } = new();

    public PipedriveOptions Options { get; }

    public CrmRequestMeter Meter { get; } = new();

    public ListLoggerProvider Logs { get; } = new();

    public CrmHttpClientProvider Provider { get; }

    public PipedriveAdapterFactory Factory { get; }

    public ConnectionOptions Connection { get; }

    public ICrmAdapter CreateAdapter() => Factory.Create(Connection);

    public static PipedriveOptions FastOptions() => new()
    {
        ApiTokenRateLimitPermits = 1000,
        OAuthRateLimitPermits = 1000,
        SearchRateLimitPermits = 1000,
        RateLimitWindow = TimeSpan.FromSeconds(1),
        Resilience = new CrmResilienceOptions
        {
            MaxAttempts = 3,
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
