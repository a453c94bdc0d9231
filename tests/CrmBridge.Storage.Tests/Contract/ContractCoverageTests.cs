using System.Reflection;
using CrmBridge.Storage.Tests.Postgres;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.Contract;

public sealed class ContractCoverageTests
{
    [Fact]
    public void PostgresCrmStoreTests_EveryContractTest_IsOverriddenWithPostgresFact()
    {
        var contractTests = typeof(CrmStoreContract).GetMethods()
            .Where(m => m.IsVirtual && m.GetCustomAttribute<FactAttribute>(inherit: false) is not null)
            .Select(m => m.Name)
            .ToList();

        var guarded = typeof(PostgresCrmStoreTests).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<PostgresFactAttribute>(inherit: false) is not null)
            .Select(m => m.Name)
            .ToHashSet();

        var unguarded = contractTests.Except(guarded).ToList();

        Assert.NotEmpty(contractTests);
        Assert.Empty(unguarded);
    }
}
