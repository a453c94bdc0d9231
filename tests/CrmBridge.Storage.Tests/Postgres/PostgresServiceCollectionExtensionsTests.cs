using CrmBridge.Core.Storage;
using CrmBridge.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Storage.Tests.Postgres;

public sealed class PostgresServiceCollectionExtensionsTests
{
    private const string Secret = "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=s3cr3t-value";

    [Fact]
    public void AddPostgresCrmStore_EnvReference_ResolvesTheConnectionString()
    {
        var variable = "CRMBRIDGE_TEST_PG_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Secret);
        try
        {
            using var provider = Build($"env:{variable}");

            Assert.IsType<PostgresCrmStore>(provider.GetRequiredService<ICrmStore>());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void AddPostgresCrmStore_UnsetVariable_FailsNamingTheKeyAndVariable()
    {
        using var provider = Build("env:CRMBRIDGE_TEST_PG_UNSET_VARIABLE");

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICrmStore>());

        Assert.Contains("CrmBridge:Storage:PostgresConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("CRMBRIDGE_TEST_PG_UNSET_VARIABLE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPostgresCrmStore_NoConnectionString_FailsNamingTheKey()
    {
        using var provider = Build(null);

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICrmStore>());

        Assert.Contains("CrmBridge:Storage:PostgresConnectionString is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPostgresCrmStore_FileReference_ResolvesTheTrimmedFileContent()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, Secret + "\n");
        try
        {
            using var provider = Build($"file:{file}");

            Assert.IsType<PostgresCrmStore>(provider.GetRequiredService<ICrmStore>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static ServiceProvider Build(string? connectionString)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new StorageOptions { Provider = StorageProviders.Postgres, PostgresConnectionString = connectionString }));
        services.AddPostgresCrmStore();
        return services.BuildServiceProvider();
    }
}
