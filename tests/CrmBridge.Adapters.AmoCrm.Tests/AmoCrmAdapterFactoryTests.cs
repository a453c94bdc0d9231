using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.AmoCrm.Tests;

public sealed class AmoCrmAdapterFactoryTests
{
    [Theory]
    [InlineData("https://orion.amocrm.ru")]
    [InlineData("https://orion.amocrm.com/")]
    [InlineData("https://orion-2.kommo.com")]
    [InlineData("http://127.0.0.1:5123/amocrm/")]
    [InlineData("http://localhost:5123")]
    public void Validate_AccountAddress_IsAccepted(string url)
    {
        Assert.Empty(Validate(Connection(url)));
    }

    [Theory]
    [InlineData("http://orion.amocrm.ru")]
    [InlineData("https://www.amocrm.ru.evil.example")]
    [InlineData("https://amocrm.ru")]
    [InlineData("https://orion.example.com")]
    public void Validate_OtherAddress_IsRejectedNamingTheKey(string url)
    {
        var error = Assert.Single(Validate(Connection(url)));

        Assert.StartsWith("CrmBridge:Connections:amo:BaseUrl", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoBaseUrl_IsRejected()
    {
        var connection = Connection("https://orion.amocrm.ru");
        connection.BaseUrl = null;

        Assert.Contains(Validate(connection), e => e.Contains(":BaseUrl is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NeitherTokenNorOAuth_IsRejected()
    {
        var connection = Connection("https://orion.amocrm.ru");
        connection.Token = null;

        Assert.Contains(Validate(connection), e => e.Contains(":Token (a long-lived token", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TokenAndOAuth_IsRejected()
    {
        var connection = Connection("https://orion.amocrm.ru");
        connection.OAuth = CompleteOAuth();

        Assert.Contains(Validate(connection), e => e.Contains("either Token", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_IncompleteOAuth_NamesEachMissingKey()
    {
        var connection = Connection("https://orion.amocrm.ru");
        connection.Token = null;
        connection.OAuth = new OAuthClientOptions { ClientSecret = "env:CRMBRIDGE_TEST_UNSET_VARIABLE_42" };

        var errors = Validate(connection).ToList();

        Assert.Contains(errors, e => e.StartsWith("CrmBridge:Connections:amo:OAuth:ClientId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("CrmBridge:Connections:amo:OAuth:ClientSecret refers to environment variable CRMBRIDGE_TEST_UNSET_VARIABLE_42", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("CrmBridge:Connections:amo:OAuth:RefreshToken is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("CrmBridge:Connections:amo:OAuth:RedirectUri", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CompleteOAuth_IsAccepted()
    {
        var connection = Connection("https://orion.kommo.com");
        connection.Token = null;
        connection.OAuth = CompleteOAuth();

        Assert.Empty(Validate(connection));
    }

    [Fact]
    public void AddAmoCrmAdapter_RegistersTheFactoryAndRejectsBadOptionsAtResolve()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmBridge:AmoCrm:PageSize"] = "500",
        }).Build());
        services.AddLogging();
        services.AddAmoCrmAdapter();
        using var provider = services.BuildServiceProvider();

        Assert.Contains(services, d => d.ServiceType == typeof(ICrmAdapterFactory) && d.ImplementationType == typeof(AmoCrmAdapterFactory));
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AmoCrmOptions>>().Value);
        Assert.Contains("CrmBridge:AmoCrm:PageSize 500 must be between 1 and amoCRM's maximum of 250", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OAuthConnectionWithoutACredentialStore_ExplainsWhatIsMissing()
    {
        using var provider = new ServiceCollection().BuildServiceProvider();
        using var http = new CrmHttpClientProvider(new Core.Diagnostics.CrmRequestMeter(), TimeProvider.System);
        var factory = new AmoCrmAdapterFactory(http, Options.Create(new AmoCrmOptions()), TimeProvider.System, provider);
        var connection = Connection("https://orion.amocrm.ru");
        connection.Token = null;
        connection.OAuth = CompleteOAuth();

        var ex = Assert.Throws<InvalidOperationException>(() => factory.Create(connection));

        Assert.Contains("credential store", ex.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Validate(ConnectionOptions connection)
    {
        using var provider = new ServiceCollection().BuildServiceProvider();
        using var http = new CrmHttpClientProvider(new Core.Diagnostics.CrmRequestMeter(), TimeProvider.System);
        return new AmoCrmAdapterFactory(http, Options.Create(new AmoCrmOptions()), TimeProvider.System, provider).Validate(connection).ToList();
    }

    private static ConnectionOptions Connection(string url) => new() { Name = "amo", Kind = "AmoCrm", BaseUrl = new Uri(url), Token = "t" };

    private static OAuthClientOptions CompleteOAuth() => new()
    {
        ClientId = "id",
        ClientSecret = "secret",
        RedirectUri = new Uri("https://crmbridge.example/oauth"),
        RefreshToken = "refresh",
    };
}
