using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.AmoCrm.Tests.TestSupport;

/// <summary>An amoCRM adapter factory wired to an <see cref="AmoCrmFake"/>, with short retry delays and small pages.</summary>
public sealed class AmoCrmHarness : IDisposable
{
    public const string Token = "long-lived-test-secret-token";
    public const string ConnectionName = "main";

    private readonly ServiceProvider _services;

    public AmoCrmHarness(Action<AmoCrmOptions>? configure = null, TimeProvider? time = null, ICredentialStore? store = null, AmoCrmFake? fake = null)
    {
        Fake = fake ?? new AmoCrmFake();
        OwnsFake = fake is null;
        Options = FastOptions();
        configure?.Invoke(Options);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        _services = services.BuildServiceProvider();
        Provider = new CrmHttpClientProvider(Meter, TimeProvider.System, _services.GetRequiredService<ILoggerFactory>());
        Factory = new AmoCrmAdapterFactory(Provider, Microsoft.Extensions.Options.Options.Create(Options), time ?? TimeProvider.System, _services);
        Connection = new ConnectionOptions
        {
            Name = ConnectionName,
            Kind = "AmoCrm",
            BaseUrl = Fake.Url,
            Token = Token,
            FieldMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["deal.source"] = "Source",
                ["deal.budget_note"] = "budget note",
                ["deal.crmbridge_marker"] = "CrmBridge marker",
                ["company.inn"] = "ИНН",
                ["company.industry"] = "Industry",
                ["contact.role"] = "Role",
            },
        };
    }

    public AmoCrmFake Fake { get; }

    public bool OwnsFake { get; }

    public AmoCrmOptions Options { get; }

    public CrmRequestMeter Meter { get; } = new();

    public ListLoggerProvider Logs { get; } = new();

    public CrmHttpClientProvider Provider { get; }

    public AmoCrmAdapterFactory Factory { get; }

    public ConnectionOptions Connection { get; }

    public ICrmAdapter CreateAdapter() => Factory.Create(Connection);

    public void UseOAuth(string refreshToken = "refresh-token-1")
    {
        Connection.Token = null;
        Connection.OAuth = new OAuthClientOptions
        {
            ClientId = "client-id-1",
            ClientSecret = "client-secret-value",
            RedirectUri = new Uri("https://crmbridge.example/oauth/amocrm"),
            RefreshToken = refreshToken,
        };
    }

    public static AmoCrmOptions FastOptions() => new()
    {
        RateLimitPermits = 1000,
        RateLimitWindow = TimeSpan.FromSeconds(1),
        RefreshPollInterval = TimeSpan.FromMilliseconds(20),
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
        _services.Dispose();
        if (OwnsFake)
        {
            Fake.Dispose();
        }

        Logs.Dispose();
    }
}
