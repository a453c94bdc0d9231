using System.Reflection;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.Cemetery;

public sealed class CemeteryContractCoverageTests
{
    [Fact]
    public void PostgresCemeteryStoreTests_EveryContractTest_IsOverriddenWithPostgresFact()
    {
        var contractTests = typeof(CemeteryStoreContract).GetMethods()
            .Where(m => m.IsVirtual && m.GetCustomAttribute<FactAttribute>(inherit: false) is not null)
            .Select(m => m.Name)
            .ToList();

        var guarded = typeof(PostgresCemeteryStoreTests).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<PostgresFactAttribute>(inherit: false) is not null)
            .Select(m => m.Name)
            .ToHashSet();

        Assert.NotEmpty(contractTests);
        Assert.Empty(contractTests.Except(guarded));
    }
}
