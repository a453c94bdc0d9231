using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Pipedrive.Tests;

public sealed class PipedriveAdapterFactoryTests : IDisposable
{
    private readonly CrmHttpClientProvider _provider = new(new CrmRequestMeter(), TimeProvider.System);

    public void Dispose() => _provider.Dispose();

    [Theory]
    [InlineData("https://acme.pipedrive.com")]
    [InlineData("https://acme.pipedrive.com/")]
    [InlineData("http://127.0.0.1:5123/pipedrive")]
    [InlineData("http://localhost:5123")]
    public void Validate_GoodConnection_HasNoErrors(string baseUrl)
    {
        Assert.Empty(CreateFactory().Validate(Connection(baseUrl)));
    }

    [Theory]
    [InlineData("http://acme.pipedrive.com", "must use https")]
    [InlineData("https://acme.example.com", "https://{companydomain}.pipedrive.com")]
    [InlineData("https://pipedrive.com", "https://{companydomain}.pipedrive.com")]
    [InlineData("https://acme.pipedrive.com/api/v2", "must not have a path")]
    [InlineData("ftp://acme.pipedrive.com", "absolute URL")]
    public void Validate_BadBaseUrl_NamesTheKeyAndTheValue(string baseUrl, string problem)
    {
        var error = Assert.Single(CreateFactory().Validate(Connection(baseUrl)));

        Assert.StartsWith($"CrmBridge:Connections:pd:BaseUrl '{baseUrl}", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingTokenBaseUrlAndFieldName_NamesEachKey()
    {
        var connection = new ConnectionOptions { Name = "pd", Kind = "Pipedrive", FieldMap = new() { ["deal.source"] = " " } };

        var errors = CreateFactory().Validate(connection).ToList();

        Assert.Contains(errors, e => e.StartsWith("CrmBridge:Connections:pd:Token is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("CrmBridge:Connections:pd:BaseUrl is required for Pipedrive: https://{companydomain}.pipedrive.com", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("CrmBridge:Connections:pd:FieldMap:deal.source is empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567", PipedriveAuthMode.Auto, PipedriveAuthMode.ApiToken)]
    [InlineData("v1:some-oauth-access-token", PipedriveAuthMode.Auto, PipedriveAuthMode.OAuth)]
    [InlineData("0123456789abcdef0123456789abcdef01234567", PipedriveAuthMode.OAuth, PipedriveAuthMode.OAuth)]
    [InlineData("short", PipedriveAuthMode.ApiToken, PipedriveAuthMode.ApiToken)]
    public void ModeFor_PicksHowTheTokenIsSent(string token, PipedriveAuthMode configured, PipedriveAuthMode expected)
    {
        Assert.Equal(expected, PipedriveHttpProfile.ModeFor(configured, token));
    }

    [Fact]
    public void Profile_Defaults_AreTheDocumentedBurstLimitsPerTwoSeconds()
    {
        var options = new PipedriveOptions();

        Assert.Equal(new CrmRateLimit(20, TimeSpan.FromSeconds(2)), PipedriveHttpProfile.Create(options, PipedriveAuthMode.ApiToken).DefaultRateLimit);
        Assert.Equal(new CrmRateLimit(80, TimeSpan.FromSeconds(2)), PipedriveHttpProfile.Create(options, PipedriveAuthMode.OAuth).DefaultRateLimit);
        var search = Assert.Single(PipedriveHttpProfile.Create(options, PipedriveAuthMode.ApiToken).EndpointRateLimits);
        Assert.Equal(new CrmRateLimit(10, TimeSpan.FromSeconds(2)), search.Limit);
        Assert.True(search.Matches(new HttpRequestMessage(HttpMethod.Get, "https://acme.pipedrive.com/api/v2/deals/search?term=x")));
        Assert.False(search.Matches(new HttpRequestMessage(HttpMethod.Get, "https://acme.pipedrive.com/api/v2/deals")));
    }

    [Fact]
    public void Create_ConnectionWithoutOwnLimit_GetsTheDefaultBudgetAndTheLimiterCanBeLifted()
    {
        var factory = CreateFactory();
        var connection = Connection("http://127.0.0.1:1/pipedrive");

        Assert.Equal(new CrmRateLimit(20, TimeSpan.FromSeconds(2)), _provider.GetConnection(connection, PipedriveHttpProfile.Create(new PipedriveOptions(), PipedriveAuthMode.ApiToken)).RateLimit);
        Assert.Equal(CrmKind.Pipedrive, factory.Create(connection).Kind);
        connection.RateLimit = new RateLimitOptions { Enabled = false };
        Assert.Null(_provider.GetConnection(connection, PipedriveHttpProfile.Create(new PipedriveOptions(), PipedriveAuthMode.ApiToken)).RateLimit);
    }

    [Fact]
    public void AddPipedriveAdapter_RegistersTheFactoryAndValidatesOptionsAtStart()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmBridge:Pipedrive:PageSize"] = "1000",
            ["CrmBridge:Pipedrive:SlowDownBelow"] = "1.5",
            ["CrmBridge:Pipedrive:ReadConcurrency"] = "0",
        }).Build());
        services.AddLogging();
        services.AddPipedriveAdapter();
        using var provider = services.BuildServiceProvider();

        Assert.Contains(services, d => d.ServiceType == typeof(ICrmAdapterFactory) && d.ImplementationType == typeof(PipedriveAdapterFactory));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PipedriveOptions>>().Value);
        Assert.Contains("CrmBridge:Pipedrive:PageSize 1000 must be between 1 and Pipedrive's maximum of 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Pipedrive:SlowDownBelow must be at least 0 and below 1 (got 1.5)", error.Message, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Pipedrive:ReadConcurrency 0 must be between 1 and 16", error.Message, StringComparison.Ordinal);
    }

    private PipedriveAdapterFactory CreateFactory() => new(_provider, Options.Create(new PipedriveOptions()), TimeProvider.System);

    private static ConnectionOptions Connection(string baseUrl) => new()
    {
        Name = "pd",
        Kind = "Pipedrive",
        BaseUrl = new Uri(baseUrl),
        Token = "0123456789abcdef0123456789abcdef01234567",
    };
}
