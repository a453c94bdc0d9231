using CrmBridge.Core;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>What <c>AddBitrix24Adapter</c> registers and how the start-up validation reports bad settings.</summary>
public sealed class Bitrix24RegistrationTests
{
    [Fact]
    public void AddBitrix24Adapter_RegistersTheFactoryForBitrix24Connections()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["CrmBridge:Connections:b24:Kind"] = "Bitrix24",
            ["CrmBridge:Connections:b24:Token"] = "https://acme.bitrix24.ru/rest/1/abcdef0123456789/",
        });

        var adapter = services.GetRequiredService<CrmAdapterResolver>().Resolve("b24");

        Assert.Equal(Core.Model.CrmKind.Bitrix24, adapter.Kind);
        Assert.Equal("b24", adapter.Connection);
        Assert.Single(services.GetServices<ICrmAdapterFactory>(), f => f.Kind == Core.Model.CrmKind.Bitrix24);
    }

    [Fact]
    public void Options_OutOfRange_FailValidationNamingKeyAndValue()
    {
        using var services = Build(new Dictionary<string, string?> { ["CrmBridge:Bitrix24:Burst"] = "0", ["CrmBridge:Bitrix24:RequestsPerSecond"] = "500" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<Bitrix24Options>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("CrmBridge:Bitrix24:Burst 0", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("CrmBridge:Bitrix24:RequestsPerSecond 500", StringComparison.Ordinal));
    }

    [Fact]
    public void CrmBridgeOptions_WebhookUrlWithoutSecret_FailsAtStartWithoutEchoingTheToken()
    {
        const string Token = "https://acme.bitrix24.ru/hooks/abcdef0123456789/";
        using var services = Build(new Dictionary<string, string?>
        {
            ["CrmBridge:Connections:b24:Kind"] = "Bitrix24",
            ["CrmBridge:Connections:b24:Token"] = Token,
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CrmBridgeOptions>>().Value);

        var failure = Assert.Single(ex.Failures);
        Assert.StartsWith("CrmBridge:Connections:b24:Token", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef0123456789", failure, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging();
        services.AddCrmBridgeCore();
        services.AddBitrix24Adapter();
        return services.BuildServiceProvider();
    }
}
