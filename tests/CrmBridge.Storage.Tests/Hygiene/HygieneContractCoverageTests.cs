using System.Reflection;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.Hygiene;

public sealed class HygieneContractCoverageTests
{
    [Fact]
    public void PostgresHygieneStoreTests_EveryContractTest_IsOverriddenWithPostgresFact()
    {
        var contractTests = typeof(HygieneStoreContract).GetMethods()
            .Where(m => m.IsVirtual && m.GetCustomAttribute<FactAttribute>(inherit: false) is not null)
            .Select(m => m.Name)
            .ToList();

        var guarded = typeof(PostgresHygieneStoreTests).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<PostgresFactAttribute>(inherit: false) is not null)
            .Select(m => m.Name)
            .ToHashSet();

        Assert.NotEmpty(contractTests);
        Assert.Empty(contractTests.Except(guarded));
    }
}
