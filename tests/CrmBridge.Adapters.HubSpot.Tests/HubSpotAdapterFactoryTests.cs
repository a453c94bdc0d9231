using CrmBridge.Adapters.Http;
using CrmBridge.Core;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.HubSpot.Tests;

public sealed class HubSpotAdapterFactoryTests
{
    [Fact]
    public void Validate_MissingToken_NamesTheKey()
    {
        using var services = Build(new() { ["CrmBridge:Connections:main:Kind"] = "HubSpot" });
        var factory = services.GetServices<ICrmAdapterFactory>().Single();

        var errors = factory.Validate(new ConnectionOptions { Name = "main", Kind = "HubSpot" }).ToList();

        Assert.Equal(["CrmBridge:Connections:main:Token is required for HubSpot (a private app token, or env:NAME)."], errors);
    }

    [Fact]
    public void Validate_BaseUrlNotHttp_NamesTheKeyAndValue()
    {
        using var services = Build([]);
        var factory = services.GetServices<ICrmAdapterFactory>().Single();

        var errors = factory.Validate(new ConnectionOptions { Name = "main", Kind = "HubSpot", Token = "t", BaseUrl = new Uri("ftp://files.example") }).ToList();

        Assert.Equal(["CrmBridge:Connections:main:BaseUrl 'ftp://files.example/' must be an absolute http or https URL."], errors);
    }

    [Fact]
    public void CrmBridgeOptions_InvalidHubSpotConnection_FailsAtStartNamingTheKey()
    {
        using var services = Build(new() { ["CrmBridge:Connections:main:Kind"] = "HubSpot" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CrmBridgeOptions>>().Value);

        Assert.Contains("CrmBridge:Connections:main:Token is required for HubSpot", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HubSpotOptions_PageSizeAboveHubSpotsMaximum_FailsNamingTheKeyAndValue()
    {
        using var services = Build(new() { ["CrmBridge:HubSpot:PageSize"] = "250" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HubSpotOptions>>().Value);

        Assert.Contains("CrmBridge:HubSpot:PageSize 250 must be between 1 and HubSpot's maximum of 100.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHubSpotAdapter_ResolverGivesHubSpotAdapters_ThatShareOneHttpPipelinePerConnection()
    {
        using var services = Build(new()
        {
            ["CrmBridge:Connections:main:Kind"] = "HubSpot",
            ["CrmBridge:Connections:main:Token"] = "pat-secret",
            ["CrmBridge:Connections:main:BaseUrl"] = "http://127.0.0.1:9/",
        });
        var resolver = services.GetRequiredService<CrmAdapterResolver>();

        var adapter = resolver.Resolve("main");

        Assert.Equal(CrmKind.HubSpot, adapter.Kind);
        Assert.Equal("main", adapter.Connection);
        Assert.Equal(100, adapter.Capabilities.MaxPageSize);
        Assert.False(adapter.Capabilities.StatusOnDeal);
        Assert.True(adapter.Capabilities.HasRemovedDealsFeed);
        var provider = services.GetRequiredService<CrmHttpClientProvider>();
        var connection = services.GetRequiredService<IOptions<CrmBridgeOptions>>().Value.Connections["main"];
        var profileFactory = (HubSpotAdapterFactory)services.GetServices<ICrmAdapterFactory>().Single();
        Assert.NotNull(profileFactory.Create(connection));
        Assert.Same(
            provider.GetConnection(connection, HubSpotHttpProfile.Create(new HubSpotOptions())),
            provider.GetConnection(connection, HubSpotHttpProfile.Create(new HubSpotOptions())));
        Assert.Equal(new CrmRateLimit(100, TimeSpan.FromSeconds(10)), provider.GetConnection(connection, HubSpotHttpProfile.Create(new HubSpotOptions())).RateLimit);
    }

    [Fact]
    public void AddHubSpotAdapter_CalledTwice_RegistersOneFactory()
    {
        var services = new ServiceCollection();

        services.AddHubSpotAdapter().AddHubSpotAdapter();

        Assert.Single(services, d => d.ServiceType == typeof(ICrmAdapterFactory));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCrmBridgeCore();
        services.AddHubSpotAdapter();
        return services.BuildServiceProvider();
    }
}
